package dev.ticketkit.routing.rules;

import dev.ticketkit.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.NewCustomer;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.routing.rules.MessageTemplate.Target;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Templates read map keys and iterate lists, nothing else; numbers print plain; nameless customers get a fallback. */
class TemplateDataTest extends RulesTestBase {

    /** A host object with a public method that acts: a template must never reach it. */
    public static final class Account {
        final AtomicInteger resets = new AtomicInteger();

        public String resetPassword() {
            resets.incrementAndGet();
            return "new-password";
        }

        public String getEmail() {
            return "owner@example.com";
        }

        @Override
        public String toString() {
            return "Account(secret)";
        }
    }

    /** An order line as a host might return it. */
    public record Line(String sku, int qty, BigDecimal price) {
    }

    private static String render(String template, Map<String, Object> scope) {
        return MessageTemplate.of(template).render(scope, Target.TEXT);
    }

    @Test
    void aTemplateNeverCallsMethodsOfTheHostsObjects() {
        List<Object> items = new ArrayList<>(List.of(Map.of("sku", "A1")));
        Account account = new Account();
        Map<String, Object> scope = Map.of("order", Map.of("items", items, "account", account, "status", "PAID"));

        assertThat(render("[{{order.items.clear}}]", scope)).isEqualTo("[]");
        assertThat(items).as("clear() was not called").hasSize(1);
        assertThat(render("[{{order.account.resetPassword}}|{{order.account.email}}|{{order.account}}]", scope))
                .isEqualTo("[||]");
        assertThat(account.resets).hasValue(0);
        assertThat(render("[{{order.status.length}}|{{order.status.bytes}}|{{order.items.size}}|{{order.items.empty}}]", scope))
                .isEqualTo("[|||]");
        assertThat(render("{{#order.account}}in{{/order.account}}{{^order.account}}absent{{/order.account}}", scope))
                .as("an object that is not data is absent").isEqualTo("absent");
        assertThat(render("{{#order.items}}{{getClass}}{{hashCode}}{{/order.items}}", scope)).isEmpty();
    }

    @Test
    void sectionsOverOrderListsReadTheElementsKeys() {
        Map<String, Object> scope = Map.of("order", Map.of("items", List.of(
                Map.of("sku", "A1", "qty", 2, "options", List.of(Map.of("name", "red"))),
                Map.of("sku", "B2", "qty", 1, "options", List.of()))));
        assertThat(render("{{#order.items}}{{sku}} x{{qty}}{{#options}} ({{name}}){{/options}}; {{/order.items}}", scope))
                .isEqualTo("A1 x2 (red); B2 x1; ");
        assertThat(render("{{#order.items}}{{.}}{{/order.items}}", Map.of("order", Map.of("items", List.of("a", "b")))))
                .isEqualTo("ab");
        assertThat(render("{{^order.items}}none{{/order.items}}", Map.of("order", Map.of("items", List.of()))))
                .isEqualTo("none");
        // arrays and sets iterate too
        assertThat(render("{{#order.codes}}{{.}},{{/order.codes}}", Map.of("order", Map.of("codes", new String[] {"x", "y"}))))
                .isEqualTo("x,y,");
    }

    @Test
    void bareNamesAreElementKeysOfOrderListsOnly() {
        assertThatThrownBy(() -> MessageTemplate.of("Hi {{sku}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown placeholder \"sku\" on line 1 of the template");
        assertThatThrownBy(() -> MessageTemplate.of("{{#ticket.tags}}{{sku}}{{/ticket.tags}}"))
                .hasMessageStartingWith("unknown placeholder \"sku\"");
        assertThatThrownBy(() -> MessageTemplate.of("{{^order.items}}{{sku}}{{/order.items}}"))
                .as("an inverted section has no element").hasMessageStartingWith("unknown placeholder \"sku\"");
        assertThatThrownBy(() -> MessageTemplate.of("{{#order.items}}{{customer.secret}}{{/order.items}}"))
                .hasMessageStartingWith("unknown placeholder \"customer.secret\"");
        assertThat(MessageTemplate.of("{{#order.items}}{{#ticket.tags}}{{sku}}{{/ticket.tags}}{{/order.items}}").text())
                .isNotEmpty();
    }

    @Test
    void numbersAndOtherValuesAreWrittenPlainly() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("stripped", new BigDecimal("20").stripTrailingZeros()); // 2E+1
        order.put("amount", new BigDecimal("899.00"));
        order.put("small", new BigDecimal("1E-7"));
        order.put("ratio", 20.0);
        order.put("count", 3L);
        order.put("huge", new BigDecimal("1E+100000"));
        order.put("tier", MemberTier.VIP.level());
        order.put("shipped", true);
        order.put("day", LocalDate.of(2026, 11, 11));
        order.put("channel", Channel.TAOBAO.name());
        order.put("tags", List.of("a", "b"));
        assertThat(render("{{order.stripped}} {{order.amount}} {{order.small}} {{order.ratio}} {{order.count}} {{order.tier}}"
                + " {{order.shipped}} {{order.day}} {{order.tags}}", Map.of("order", order)))
                .isEqualTo("20 899.00 0.0000001 20 3 3 true 2026-11-11 [a, b]");
        assertThat(render("{{order.huge}}", Map.of("order", order))).isEqualTo("1E+100000");
    }

    @Test
    void orderFactsFromTheProviderRenderAsData() {
        Account account = new Account();
        List<Object> lines = new ArrayList<>(List.of(new Line("A1", 2, new BigDecimal("2E+1")), Map.of("sku", "B2", "qty", 1)));
        orderFacts = Map.of("items", lines, "account", account, "total", new BigDecimal("4E+1"));
        install("""
                rules:
                  - id: lines
                    on: [created]
                    actions:
                      - note: "{{#order.items}}{{sku}} x{{qty}} @{{price}}; {{/order.items}}total {{order.total}}{{order.items.clear}}{{order.account.resetPassword}}"
                """);
        Ticket t = carolAsks("Where is my order?", "hello");
        assertThat(notes(t)).containsExactly("A1 x2 @20; B2 x1 @; total 40");
        assertThat(lines).hasSize(2);
        assertThat(account.resets).hasValue(0);
    }

    @Test
    void aCustomerWithoutANameGetsTheRuleSetsFallback() {
        Customer buyer = engine.customers().create(shop.admin, new NewCustomer("", MemberTier.STANDARD,
                List.of(ChannelIdentity.of(IdentityType.JD_BUYER, "jd_58c1f2")), Set.of()));
        install("""
                customer_name_fallback: 亲
                rules:
                  - id: ack
                    on: [created]
                    actions:
                      - reply: { text: "您好 {{customer.name}}，我们已收到。", html: "<p>您好 {{customer.name}}</p>" }
                """);
        Message reply = replyTo(buyer);
        assertThat(reply.text()).isEqualTo("您好 亲，我们已收到。");
        assertThat(reply.html()).isEqualTo("<p>您好 亲</p>");
        // a named customer keeps their name
        assertThat(replyTo(shop.dave).text()).isEqualTo("您好 戴维，我们已收到。");
    }

    @Test
    void withoutARuleSetFallbackTheEnginesDefaultApplies() {
        Customer buyer = engine.customers().create(shop.admin, new NewCustomer("  ", MemberTier.STANDARD,
                List.of(ChannelIdentity.of(IdentityType.WECHAT_OPENID, "o6_nameless")), Set.of()));
        install("""
                rules:
                  - id: ack
                    on: [created]
                    actions: [ { reply: "Dear {{customer.name}}, thanks." } ]
                """);
        assertThat(replyTo(buyer).text()).isEqualTo("Dear " + RuleEngine.DEFAULT_CUSTOMER_NAME_FALLBACK + ", thanks.");

        RuleEngine configured = RuleEngine.builder().customerNameFallback("friend").build();
        RuleSet set = configured.parse("r.yaml", "rules: [ { id: a, actions: [ { note: x } ] } ]\n");
        assertThat(configured.customerNameFallback(set)).isEqualTo("friend");
        assertThat(configured.customerNameFallback(set.withCustomerNameFallback("亲"))).isEqualTo("亲");
        assertThatThrownBy(() -> RuleEngine.builder().customerNameFallback(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleEngine.builder().customerNameFallback("a").customerNameFallback("b"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> set.withCustomerNameFallback("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadFallbackIsALoadErrorWithItsPosition() {
        ConfigException e = assertLoadError("""
                customer_name_fallback: "  "
                rules: [ { id: a, actions: [ { note: x } ] } ]
                """);
        assertThat(e.getMessage()).isEqualTo("test-rules.yaml:1:25: customer_name_fallback: must not be blank");
    }

    private ConfigException assertLoadError(String yaml) {
        try {
            rules.parse("test-rules.yaml", yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a load error");
    }

    private Message replyTo(Customer c) {
        Ticket t = engine.tickets().create(shop.integration, NewTicket.builder(c.id(), "订单问题")
                .channel(Channel.JD).message(NewMessage.text("在吗")).build());
        return engine.tickets().messages(shop.admin, t.id()).stream()
                .filter(m -> m.visibility() == Visibility.PUBLIC && m.authorId().equals("rules")).findFirst().orElseThrow();
    }

    private List<String> notes(Ticket t) {
        return engine.tickets().messages(shop.admin, t.id()).stream()
                .filter(m -> m.visibility() == Visibility.INTERNAL).map(Message::text).toList();
    }
}
