package dev.ticketkit.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listener that throws is logged and skipped: later listeners are still called and the rules' work commits. */
class RuleListenerTest extends RulesTestBase {
    private final List<RuleRun> afterTheBrokenOne = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected RuleEngine.Builder configure(RuleEngine.Builder builder) {
        // the base class registers its own listener first; this one throws, and a third one follows it
        return builder
                .listener(run -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(afterTheBrokenOne::add);
    }

    @Test
    void aThrowingListenerDoesNotStopLaterListenersOrTheActions() {
        install("""
                rules:
                  - { id: urgent, on: [created], actions: [ { set_priority: URGENT }, { add_tags: seen } ] }
                  - { id: later, on: [created], when: { field: tags, op: contains, value: seen }, actions: [ { note: "seen" } ] }
                """);
        Ticket[] t = new Ticket[1];
        String log = StderrLog.during(() -> t[0] = carolAsks("x", "y"));
        assertThat(log).contains("rule listener").contains("failed: IllegalStateException").doesNotContain("listener bug");
        Ticket stored = get(t[0].id());
        assertThat(stored.priority()).isEqualTo(Priority.URGENT);
        assertThat(stored.tags()).contains("seen");
        assertThat(engine.tickets().messages(shop.admin, stored.id())).anySatisfy(m -> assertThat(m.text()).isEqualTo("seen"));
        assertThat(afterTheBrokenOne).singleElement().satisfies(r -> assertThat(r.fired()).containsExactly("urgent", "later"));
        assertThat(runs).hasSize(1);
    }

    @Test
    void aListenerThatThrowsOnEveryRunKeepsFailingQuietlyWithoutBlockingLaterCommands() {
        install("""
                rules:
                  - { id: tag, on: [created, updated], actions: [ { add_tags: ruled } ] }
                """);
        Ticket a = carolAsks("one", "y");
        Ticket b = carolAsks("two", "y");
        assertThat(get(a.id()).tags()).contains("ruled");
        assertThat(get(b.id()).tags()).contains("ruled");
        assertThat(afterTheBrokenOne).hasSize(2);
    }
}
