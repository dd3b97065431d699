package dev.ticketkit.sla;

import dev.ticketkit.core.TicketEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Channel;
import dev.ticketkit.core.NewTicket;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.ConditionException;
import dev.ticketkit.core.condition.Operator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies are tried in order; a {@code sla_policy:} tag wins; a policy change re-targets; explain says why. */
class PolicySelectionTest extends SlaTestBase {

  @BeforeEach
  void setUp() {
    start(
        SlaPolicy.builder("vip").when(Condition.where("customer.tier", Operator.GREATER_OR_EQUAL, 3))
            .target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1)).build(),
        SlaPolicy.builder("marketplace").when(Condition.where("channel", Operator.IN, List.of("TAOBAO", "JD")))
            .target(Priority.NORMAL, SlaMetric.FIRST_REPLY, m(30)).build(),
        SlaPolicy.builder("standard").calendar("office")
            .target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(4)).build());
  }

  private Ticket daveAsks(Channel channel) {
    return engine.tickets().create(shop.integration, NewTicket.builder(shop.dave.id(), "订单")
        .channel(channel).message("在吗").build());
  }

  @Test
  void theFirstMatchingPolicyInOrderApplies() {
    assertThat(state(carolAsks("email").id()).policy()).contains("standard");
    assertThat(state(marketplaceTicket(Channel.TAOBAO, Priority.NORMAL).id()).policy()).contains("marketplace");
    assertThat(state(daveAsks(Channel.WECHAT).id()).policy()).contains("vip");
    assertThat(state(daveAsks(Channel.TAOBAO).id()).policy()).contains("vip"); // vip comes first
  }

  @Test
  void aPolicyTagOverridesTheConditionsAndRetargets() {
    Ticket t = carolAsks("email");
    assertThat(ticket(t.id()).dueAt()).contains(sh(11, 14, 0)); // standard: 4 office hours
    at(START.plus(m(10)));
    engine.tickets().tag(shop.admin, t.id(), "sla_policy:vip");
    assertThat(state(t.id()).policy()).contains("vip");
    assertThat(ticket(t.id()).dueAt()).contains(START.plus(h(1))); // vip: 1h 24x7 from creation
    assertThat(timers(t.id())).extracting(w -> w.dueAt()).containsExactly(START.plus(h(1)));
    at(START.plus(m(20)));
    engine.tickets().untag(shop.admin, t.id(), "sla_policy:vip");
    assertThat(state(t.id()).policy()).contains("standard");
    assertThat(ticket(t.id()).dueAt()).contains(sh(11, 14, 0));
    engine.tickets().tag(shop.admin, t.id(), "sla_policy:no-such-policy");
    assertThat(state(t.id()).policy()).contains("standard");
    List<TicketEvent.ExtensionEvent> applied = engine.tickets().auditTrail(shop.admin, t.id()).stream()
        .filter(TicketEvent.ExtensionEvent.class::isInstance).map(TicketEvent.ExtensionEvent.class::cast).toList();
    assertThat(applied).extracting(e -> e.name()).containsOnly(Sla.POLICY_EVENT);
    assertThat(applied).extracting(e -> e.attributes().get("policy")).containsExactly("standard", "vip", "standard");
    assertThat(applied).extracting(e -> e.attributes().get("reason"))
        .containsExactly("condition", "tag sla_policy:vip", "condition");
  }

  @Test
  void explainSaysWhichPolicyMatchedAndWhyAndShowsTheTimeline() {
    Ticket t = carolAsks("email");
    at(sh(11, 10, 0));
    agentReplies(t.id());
    SlaExplanation e = sla.explain(engine, shop.admin, t.id());
    assertThat(e.appliedPolicy()).contains("standard");
    assertThat(e.selection().reason()).isEqualTo(PolicySelection.Reason.CONDITION);
    assertThat(e.checks()).extracting(SlaExplanation.PolicyCheck::policy, SlaExplanation.PolicyCheck::matched)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("vip", false),
            org.assertj.core.groups.Tuple.tuple("marketplace", false),
            org.assertj.core.groups.Tuple.tuple("standard", true));
    String text = e.render();
    assertThat(text).contains("policy: standard (first policy whose condition holds)")
        .contains("1. vip: no match - fails at customer.tier gte 3 (was 0)")
        .contains("2. marketplace: no match - fails at channel in [\"TAOBAO\", \"JD\"] (was EMAIL)")
        .contains("3. standard: matches")
        .contains("first_reply #0: ACHIEVED, target 4h (office) of standard, used 1h")
        .contains(START + " started (ticket created)")
        .contains(sh(11, 10, 0) + " fulfilled (first agent reply)")
        .doesNotContain("Hello"); // never message text

    engine.tickets().tag(shop.admin, t.id(), "sla_policy:vip");
    assertThat(sla.explain(engine, shop.admin, t.id()).render())
        .contains("policy: vip (chosen by tag sla_policy:vip)");
  }

  @Test
  void aTicketNoPolicyMatchesHasNoMetrics() {
    engine.close();
    start(SlaPolicy.builder("jd-only").when(Condition.where("channel", Operator.EQUALS, "JD"))
        .target(Priority.NORMAL, SlaMetric.FIRST_REPLY, h(1)).build());
    Sla none = sla;
    Ticket t = carolAsks("email");
    assertThat(ticket(t.id()).dueAt()).isEmpty();
    assertThat(timers(t.id())).isEmpty();
    SlaState s = none.state(engine, shop.admin, t.id());
    assertThat(s.policy()).isEmpty();
    assertThat(s.metrics()).isEmpty();
    assertThat(none.explain(engine, shop.admin, t.id()).render()).contains("policy: none (no policy's condition holds)");
  }

  @Test
  void badPoliciesInCodeAreRejected() {
    assertThatThrownBy(() -> SlaPolicy.builder("Bad Name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlaPolicy.builder("x").when(Condition.where("colour", Operator.EQUALS, "red")))
        .isInstanceOf(ConditionException.class).hasMessageContaining("unknown field \"colour\"");
    assertThatThrownBy(() -> SlaPolicy.builder("x").target(Priority.HIGH, SlaMetric.FIRST_REPLY, h(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlaPolicy.builder("x").target(Priority.HIGH, SlaMetric.FIRST_REPLY, h(1))
        .target(Priority.HIGH, SlaMetric.FIRST_REPLY, h(2))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SlaPolicy.builder("x").pauseIn(SlaMetric.RESOLUTION, dev.ticketkit.core.TicketStatus.SOLVED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlaPolicies.of(SlaPolicy.builder("a").build(), SlaPolicy.builder("a").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two policies are named \"a\"");
    SlaPolicies unknownCalendar = SlaPolicies.of(SlaPolicy.builder("a").calendar("warehouse")
        .target(Priority.LOW, SlaMetric.RESOLUTION, h(1)).build());
    assertThatThrownBy(() -> Sla.of(unknownCalendar, CALENDARS)).isInstanceOf(dev.ticketkit.config.ConfigException.class)
        .hasMessage("policies[0].targets.LOW.resolution: unknown calendar \"warehouse\" (known: 24x7, office)");
    assertThatThrownBy(() -> WarningThreshold.percent(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> dev.ticketkit.core.Calendars.builder().add("24x7", OFFICE))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> dev.ticketkit.core.Calendars.builder().add("o", OFFICE).add("o", OFFICE))
        .isInstanceOf(IllegalStateException.class);
    // installed on an engine without the calendar, the module refuses at build
    assertThatThrownBy(() -> TicketEngine.builder().module(Sla.of(unknownCalendar)).build())
        .isInstanceOf(dev.ticketkit.config.ConfigException.class).hasMessageContaining("unknown calendar \"warehouse\"");
  }

  @Test
  void aModuleIsInstalledOnOneEngineOnly() {
    var builder = dev.ticketkit.core.TicketEngine.builder().calendars(CALENDARS).module(sla);
    assertThatThrownBy(() -> builder.module(sla)).isInstanceOf(IllegalStateException.class);
    // sla is already installed on the test's engine
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
  }
}
