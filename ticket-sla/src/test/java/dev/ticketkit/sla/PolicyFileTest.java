package dev.ticketkit.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketStatus;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies load from YAML and JSON; every mistake names the file, line, column and path. */
class PolicyFileTest extends SlaTestBase {

  private static SlaPolicies yaml(String text) {
    return SlaPolicies.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "sla.yaml", CALENDARS);
  }

  private static SlaPolicies json(String text) {
    return SlaPolicies.fromJson(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "sla.json", CALENDARS);
  }

  @Test
  void aYamlFileDefinesPoliciesLikeCode() throws Exception {
    SlaPolicies p;
    try (InputStream in = getClass().getResourceAsStream("policies.yaml")) {
      p = SlaPolicies.fromYaml(in, "policies.yaml", CALENDARS);
    }
    assertThat(p.list()).extracting(SlaPolicy::name).containsExactly("vip", "marketplace", "standard");
    SlaPolicy market = p.find("marketplace").orElseThrow();
    assertThat(market.target(Priority.URGENT, SlaMetric.FIRST_REPLY)).contains(SlaTarget.of(Duration.ofMinutes(30), "24x7"));
    assertThat(market.target(Priority.NORMAL, SlaMetric.RESOLUTION)).contains(SlaTarget.of(Duration.ofDays(2), "office"));
    assertThat(market.target(Priority.LOW, SlaMetric.FIRST_REPLY)).isEmpty();
    assertThat(market.warning(SlaMetric.FIRST_REPLY)).contains(WarningThreshold.percent(80));
    assertThat(market.warning(SlaMetric.RESOLUTION)).contains(WarningThreshold.before(Duration.ofHours(2)));
    SlaPolicy std = p.find("standard").orElseThrow();
    assertThat(std.target(Priority.NORMAL, SlaMetric.FIRST_REPLY)).contains(SlaTarget.of(Duration.ofHours(4), "office"));
    assertThat(std.pauseIn(SlaMetric.REQUESTER_WAIT)).containsExactlyInAnyOrder(TicketStatus.PENDING, TicketStatus.ON_HOLD);
    assertThat(std.pauseIn(SlaMetric.AGENT_WORK)).containsExactlyInAnyOrder(TicketStatus.PENDING, TicketStatus.ON_HOLD);
    assertThat(std.pauseIn(SlaMetric.FIRST_REPLY)).isEmpty();

    start(p);
    Ticket email = carolAsks("email");
    assertThat(ticket(email.id()).dueAt()).contains(sh(11, 14, 0));
    Ticket taobao = marketplaceTicket(Channel.TAOBAO, Priority.URGENT);
    assertThat(state(taobao.id()).policy()).contains("marketplace");
    assertThat(ticket(taobao.id()).dueAt()).contains(START.plus(Duration.ofMinutes(30)));
    assertThat(metric(taobao.id(), SlaMetric.FIRST_REPLY).warnAt()).isEqualTo(START.plus(Duration.ofMinutes(24)));
  }

  @Test
  void jsonFilesLoadFromAPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sla.json");
    Files.writeString(file, """
        {"policies": [
          {"name": "all", "targets": {"HIGH": {"first_reply": "2h", "agent_work": {"time": "8h", "calendar": "office"}}}}
        ]}""");
    SlaPolicies p = SlaPolicies.load(file, CALENDARS);
    assertThat(p.find("all").orElseThrow().target(Priority.HIGH, SlaMetric.AGENT_WORK))
        .contains(SlaTarget.of(Duration.ofHours(8), "office"));
    Path yml = dir.resolve("sla.yml");
    Files.writeString(yml, "policies:\n  - name: x\n    targets: {LOW: {resolution: 3d}}\n");
    assertThat(SlaPolicies.load(yml, CALENDARS).list()).hasSize(1);
    assertThatThrownBy(() -> SlaPolicies.load(dir.resolve("missing.yaml"), CALENDARS))
        .isInstanceOf(dev.ticketkit.config.ConfigException.class).hasMessageStartingWith("missing.yaml: could not be read");
  }

  @Test
  void aBadDurationNamesFileLineColumnAndPath() {
    String text = """
        policies:
          - name: a
            targets: {NORMAL: {first_reply: 1h}}
          - name: b
            targets: {NORMAL: {first_reply: 1h}}
          - name: c
            targets:
              URGENT:
                first_reply: soon
        """;
    assertThatThrownBy(() -> yaml(text)).isInstanceOfSatisfying(dev.ticketkit.config.ConfigException.class, e -> {
      assertThat(e.getMessage()).isEqualTo(
          "sla.yaml:9:22: policies[2].targets.URGENT.first_reply: expected a duration such as 4h, 30m, 1h30m, 90s, 2d or PT4H, got \"soon\"");
      assertThat(e.path()).isEqualTo("policies[2].targets.URGENT.first_reply");
      assertThat(e.line()).isEqualTo(9);
      assertThat(e.column()).isEqualTo(22);
      assertThat(e.source()).isEqualTo("sla.yaml");
    });
  }

  @Test
  void aBadConditionIsReportedAtItsPlaceInTheFile() {
    String text = """
        policies:
          - name: a
            when:
              all:
                - { field: priority, op: gte, value: HIGH }
                - { field: channel, op: equalz, value: JD }
            targets: {NORMAL: {first_reply: 1h}}
        """;
    assertThatThrownBy(() -> yaml(text)).isInstanceOf(dev.ticketkit.config.ConfigException.class)
        .hasMessage("sla.yaml:6:33: policies[0].when.all[1].op: unknown operator \"equalz\"");
    String json = """
        {"policies": [{"name": "a", "when": {"field": "colour", "op": "equals", "value": "red"},
                       "targets": {}}]}""";
    assertThatThrownBy(() -> json(json)).isInstanceOf(dev.ticketkit.config.ConfigException.class)
        .hasMessage("sla.json:1:47: policies[0].when.field: unknown field \"colour\"");
  }

  @Test
  void customerTierTakesATierNameAsWellAsALevel() {
    SlaPolicies p = yaml("""
        policies:
          - name: vip
            when: { field: customer.tier, op: gte, value: Vip }
            targets: {NORMAL: {first_reply: 1h}}
          - name: gold
            when: { field: customer.tier, op: equals, value: 2 }
            targets: {NORMAL: {first_reply: 2h}}
          - name: standard
            targets: {NORMAL: {first_reply: 4h}}
        """);
    start(p);
    Ticket vip = engine.tickets().create(shop.integration, dev.ticketkit.core.NewTicket.builder(shop.dave.id(), "在吗")
        .channel(Channel.WECHAT).message(dev.ticketkit.core.NewMessage.text("订单什么时候发货")).build());
    assertThat(state(vip.id()).policy()).contains("vip");
    assertThat(state(carolAsks("where is it").id()).policy()).contains("standard");
    String json = """
        {"policies": [{"name": "a", "when": {"field": "customer.tier", "op": "gte", "value": "gold"}, "targets": {}}]}""";
    assertThat(json(json).list()).hasSize(1);
  }

  @Test
  void anUnknownTierNameIsALoadErrorWithItsPath() {
    assertThatThrownBy(() -> yaml("""
        policies:
          - name: a
            when:
              any:
                - { field: channel, op: equals, value: JD }
                - { field: customer.tier, op: gte, value: platinum }
            targets: {NORMAL: {first_reply: 1h}}
        """)).isInstanceOf(dev.ticketkit.config.ConfigException.class).hasMessage("sla.yaml:6:51: policies[0].when.any[1].value: "
            + "expected a number or one of STANDARD, SILVER, GOLD, VIP for customer.tier, got text \"platinum\"");
  }

  @Test
  void everyKindOfMistakeHasItsPath() {
    expect("policies: {}", "sla.yaml:1:11: policies: expected a list of policies, got a map");
    expect("rules: []", "sla.yaml:1:1: rules: unknown key \"rules\" (expected one of policies)");
    expect("policies:\n  - targets: {}", "sla.yaml:2:5: policies[0].name: missing");
    expect("policies:\n  - name: Big Name\n    targets: {}",
        "sla.yaml:2:11: policies[0].name: a policy name is 1 to 53 lower-case letters, digits and _.- starting with a letter or digit");
    expect("policies:\n  - name: a\n    targets: {}\n  - name: a\n    targets: {}",
        "sla.yaml:4:11: policies[1].name: the name \"a\" is already used by policies[0]");
    expect("policies:\n  - name: a\n    targets: {SOMETIMES: {first_reply: 1h}}",
        "sla.yaml:3:15: policies[0].targets.SOMETIMES: unknown priority \"SOMETIMES\" (expected LOW, NORMAL, HIGH or URGENT)");
    expect("policies:\n  - name: a\n    targets: {LOW: {first_answer: 1h}}",
        "sla.yaml:3:21: policies[0].targets.LOW.first_answer: unknown metric \"first_answer\" (expected first_reply, "
            + "next_reply, periodic_update, resolution, requester_wait or agent_work)");
    expect("policies:\n  - name: a\n    targets: {LOW: {resolution: {time: 1h, calendar: weekend}}}",
        "sla.yaml:3:54: policies[0].targets.LOW.resolution.calendar: unknown calendar \"weekend\" (known: 24x7, office)");
    expect("policies:\n  - name: a\n    targets: {LOW: {resolution: {hours: 1}}}",
        "sla.yaml:3:34: policies[0].targets.LOW.resolution.hours: unknown key \"hours\" (expected one of calendar, time)");
    expect("policies:\n  - name: a\n    targets: {LOW: {resolution: 0s}}",
        "sla.yaml:3:33: policies[0].targets.LOW.resolution: a target must be positive");
    expect("policies:\n  - name: a\n    warning: 120%\n    targets: {}",
        "sla.yaml:3:14: policies[0].warning: a percentage must be 1% to 99%, got \"120%\"");
    expect("policies:\n  - name: a\n    pause: {agent_work: [SOLVED]}\n    targets: {}",
        "sla.yaml:3:25: policies[0].pause.agent_work: a metric can pause in NEW, OPEN, PENDING or ON_HOLD, not SOLVED");
    expect("policies:\n  - name: a\n    pause: {agent_work: [LATER]}\n    targets: {}",
        "sla.yaml:3:26: policies[0].pause.agent_work[0]: expected a status (NEW, OPEN, PENDING or ON_HOLD), got \"LATER\"");
    expect("policies:\n  - name: a\n    colour: red\n    targets: {}",
        "sla.yaml:3:5: policies[0].colour: unknown key \"colour\" (expected one of calendar, description, name, pause, "
            + "targets, warning, warnings, when)");
    expect("policies:\n  - name: a\n", "sla.yaml:2:5: policies[0].targets: missing");
  }

  @Test
  void syntaxErrorsAndEmptyDocumentsAreReportedWithTheParsersPosition() {
    assertThatThrownBy(() -> yaml("policies:\n  - name: [a\n")).isInstanceOfSatisfying(dev.ticketkit.config.ConfigException.class, e -> {
      assertThat(e.getMessage()).startsWith("sla.yaml:2:13: ");
      assertThat(e.problem()).startsWith("not valid YAML: ");
    });
    assertThatThrownBy(() -> json("{\"policies\": [}")).isInstanceOfSatisfying(dev.ticketkit.config.ConfigException.class,
        e -> assertThat(e.getMessage()).startsWith("sla.json:1:15: not valid JSON: "));
    assertThatThrownBy(() -> yaml("")).isInstanceOf(dev.ticketkit.config.ConfigException.class).hasMessage("sla.yaml: the document is empty");
    assertThatThrownBy(() -> json("{\"policies\": [], \"policies\": []}")).isInstanceOf(dev.ticketkit.config.ConfigException.class)
        .hasMessage("sla.json:1:18: policies: duplicate key \"policies\"");
    assertThatThrownBy(() -> json("[" .repeat(100) + "]".repeat(100))).isInstanceOf(dev.ticketkit.config.ConfigException.class)
        .hasMessageContaining("nested too deeply");
  }

  private static void expect(String text, String message) {
    assertThatThrownBy(() -> yaml(text)).isInstanceOf(dev.ticketkit.config.ConfigException.class).hasMessage(message);
  }
}
