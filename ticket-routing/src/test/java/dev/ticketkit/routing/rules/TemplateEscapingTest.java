package dev.ticketkit.routing.rules;

import dev.ticketkit.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.Visibility;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholders are escaped for HTML targets, verbatim for plain text, and unescaped forms never load. */
class TemplateEscapingTest extends RulesTestBase {

    private Message ruleReplyTo(String customerName, String replyYaml) {
        install("""
                rules:
                  - id: ack
                    on: [created]
                    actions:
                      - reply: %s
                """.formatted(replyYaml));
        Customer c = engine.customers().create(shop.admin, NewCustomer.of(customerName,
                ChannelIdentity.verified(IdentityType.EMAIL, "someone@example.com")));
        Ticket t = engine.tickets().create(shop.integration, NewTicket.builder(c.id(), "Order question")
                .channel(Channel.EMAIL).message(NewMessage.text("hello")).build());
        List<Message> replies = engine.tickets().messages(shop.admin, t.id()).stream()
                .filter(m -> m.visibility() == Visibility.PUBLIC && m.authorId().equals("rules")).toList();
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    @Test
    void aCustomerNameWithMarkupIsEscapedInAnHtmlBody() {
        Message reply = ruleReplyTo("<script>alert(1)</script>",
                "{ text: \"Hi {{customer.name}}\", html: \"<p>Hi {{customer.name}}</p>\" }");
        assertThat(reply.html()).isEqualTo("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p>");
        assertThat(reply.html()).doesNotContain("<script>");
        assertThat(reply.text()).isEqualTo("Hi <script>alert(1)</script>"); // the text part is plain text
    }

    @Test
    void aPlainTextReplyKeepsAmpersandsAsTheyAre() {
        Message reply = ruleReplyTo("Tom & Jerry", "\"Dear {{customer.name}}, thanks for writing.\"");
        assertThat(reply.text()).isEqualTo("Dear Tom & Jerry, thanks for writing.").doesNotContain("&amp;");
        assertThat(reply.html()).isEmpty();
    }

    @Test
    void aNamedTemplateCanBeTheHtmlBody() {
        install("""
                templates:
                  ack-html: "<p>Ticket {{ticket.number}}: {{ticket.subject}}</p>"
                rules:
                  - id: ack
                    on: [created]
                    actions:
                      - reply: { text: "Ticket {{ticket.number}}: {{ticket.subject}}", html: { template: ack-html } }
                """);
        Ticket t = carolAsks("Tom & Jerry <mugs>", "hello");
        Message reply = engine.tickets().messages(shop.admin, t.id()).stream()
                .filter(m -> m.authorId().equals("rules")).findFirst().orElseThrow();
        assertThat(reply.text()).isEqualTo("Ticket " + t.number() + ": Tom & Jerry <mugs>");
        assertThat(reply.html()).isEqualTo("<p>Ticket " + t.number() + ": Tom &amp; Jerry &lt;mugs&gt;</p>");
    }

    @Test
    void theTargetDecidesTheEscaping() {
        MessageTemplate t = MessageTemplate.of("{{customer.name}}");
        Map<String, Object> scope = Map.of("customer", Map.of("name", "A & <b>"));
        assertThat(t.render(scope, MessageTemplate.Target.HTML)).isEqualTo("A &amp; &lt;b&gt;");
        assertThat(t.render(scope, MessageTemplate.Target.TEXT)).isEqualTo("A & <b>");
    }

    @Test
    void tripleMustacheIsALoadErrorWithItsPath() {
        ConfigException e = loadError("""
                rules:
                  - id: a
                    actions:
                      - note: "ok"
                      - reply: "Hi {{{customer.name}}}"
                """);
        assertThat(e.path()).isEqualTo("rules[0].actions[1].reply");
        assertThat(e.problem()).contains("unescaped placeholder \"customer.name\"");
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void ampersandPlaceholderIsALoadErrorWithItsPath() {
        ConfigException e = loadError("""
                templates:
                  ack: "Hi\\n{{& customer.name}}"
                rules:
                  - { id: a, actions: [ { reply: { template: ack } } ] }
                """);
        assertThat(e.path()).isEqualTo("templates.ack");
        assertThat(e.problem()).contains("unescaped placeholder \"customer.name\"").contains("line 2 of the template");
    }

    @Test
    void placeholdersInsideSectionsMustBeKnownToo() {
        ConfigException e = loadError("""
                rules:
                  - id: a
                    actions:
                      - note: "{{#ticket.tags}}{{.}} {{customer.secret}}{{/ticket.tags}}"
                """);
        assertThat(e.path()).isEqualTo("rules[0].actions[0].note");
        assertThat(e.problem()).contains("unknown placeholder \"customer.secret\"");
        assertThat(loadError("rules: [ { id: a, actions: [ { note: \"{{^ticket.nope}}none{{/ticket.nope}}\" } ] } ]\n").problem())
                .contains("unknown placeholder \"ticket.nope\"");
        assertThat(loadError("rules: [ { id: a, actions: [ { note: \"{{#ticket.tags}}{{{.}}}{{/ticket.tags}}\" } ] } ]\n").problem())
                .contains("unescaped placeholder \".\"");
        // a known section with the current element loads and renders each tag
        install("""
                rules:
                  - id: a
                    on: [created]
                    actions: [ { add_tags: [x, y-z] }, { note: "tags:{{#ticket.tags}} {{.}}{{/ticket.tags}}" } ]
                """);
        Ticket t = carolAsks("s", "m");
        assertThat(engine.tickets().messages(shop.admin, t.id())).filteredOn(m -> m.visibility() == Visibility.INTERNAL)
                .extracting(Message::text).singleElement().asString().contains(" x").contains(" y-z");
    }

    @Test
    void templatesBuiltInCodeAreCheckedTheSameWay() {
        assertThatThrownBy(() -> MessageTemplate.of("{{{ticket.subject}}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unescaped placeholder");
        assertThatThrownBy(() -> MessageTemplate.of("{{sku}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown placeholder \"sku\"");
        // inside a section over an order list, a bare name is a key of the element
        assertThat(MessageTemplate.of("{{#order.items}}{{sku}}{{/order.items}}").text()).isNotEmpty();
        assertThat(MessageTemplate.of("{{order.any_key}} {{#order.items}}{{.}}{{/order.items}}").text()).isNotEmpty();
    }

    private ConfigException loadError(String yaml) {
        try {
            rules.parse("test-rules.yaml", yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a load error");
    }
}
