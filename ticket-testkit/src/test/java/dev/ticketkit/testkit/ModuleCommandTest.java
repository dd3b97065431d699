package dev.ticketkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.PermissionDeniedException;
import dev.ticketkit.core.Role;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketNotFoundException;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Tickets.command}: a module's own command runs like any other, checked, hooked and atomic. */
class ModuleCommandTest extends EngineTestBase {
    private static final Permission APPROVE = Permission.of("aftersales.approve");
    private final List<String> hookSaw = new ArrayList<>();

    @Override
    protected TicketEngine.Builder configure(TicketEngine.Builder builder) {
        return builder.hook(new CommandHook() {
            @Override
            public void beforeCommit(HookContext ctx) {
                for (TicketEvent e : ctx.events()) {
                    if (e instanceof TicketEvent.ExtensionEvent x) {
                        hookSaw.add(x.name() + ":" + x.attributes().get("step"));
                    }
                }
            }
        });
    }

    private static void approve(HookContext ctx) {
        ctx.emit(meta -> new TicketEvent.ExtensionEvent(meta, "aftersales.case", Map.of("step", "approved")));
        ctx.update(TicketUpdate.builder().addTags("refund-approved").build());
    }

    @Test
    void theChangeCommitsWithItsEventsAndTheHooksSeeThem() {
        Ticket t = shop.carolAsks("refund", Fixtures.AFTER_SALES);
        Actor lead = shop.alice.withRoles(Role.AGENT.with("after-sales-lead", APPROVE));
        Ticket after = engine.tickets().command(lead, t.id(), APPROVE, ModuleCommandTest::approve);
        assertThat(after.version()).isEqualTo(t.version() + 1);
        assertThat(after.tags()).contains("refund-approved");
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).filteredOn(e -> e instanceof TicketEvent.ExtensionEvent)
                .singleElement().satisfies(e -> assertThat(e.meta().actor()).isEqualTo(lead.ref()));
        assertThat(hookSaw).containsExactly("aftersales.case:approved");
    }

    @Test
    void withoutThePermissionNothingRunsAndNothingIsWritten() {
        Ticket t = shop.carolAsks("refund", Fixtures.AFTER_SALES);
        assertThatThrownBy(() -> engine.tickets().command(shop.alice, t.id(), APPROVE, ctx -> {
            throw new AssertionError("must not run");
        })).isInstanceOfSatisfying(PermissionDeniedException.class, e -> assertThat(e.permission()).isEqualTo(APPROVE));
        Actor financeLead = shop.bob.withRoles(Role.AGENT.with("finance-lead", APPROVE));
        assertThatThrownBy(() -> engine.tickets().command(financeLead, t.id(), APPROVE, ModuleCommandTest::approve))
                .as("another team's ticket").isInstanceOf(PermissionDeniedException.class);
        Actor otherTenant = Actor.system(TenantId.of("shop-2"), "admin").withRoles(Role.ADMIN);
        assertThatThrownBy(() -> engine.tickets().command(otherTenant, t.id(), APPROVE, ModuleCommandTest::approve))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(engine.tickets().get(shop.admin, t.id()).version()).isEqualTo(t.version());
        assertThat(hookSaw).isEmpty();
    }

    @Test
    void aChangeThatThrowsLeavesNothingBehind() {
        Ticket t = shop.carolAsks("refund", Fixtures.AFTER_SALES);
        assertThatThrownBy(() -> engine.tickets().command(shop.admin, t.id(), APPROVE, ctx -> {
            approve(ctx);
            throw new IllegalStateException("REQUESTED cannot go to DONE");
        })).isInstanceOf(IllegalStateException.class);
        Ticket now = engine.tickets().get(shop.admin, t.id());
        assertThat(now.version()).isEqualTo(t.version());
        assertThat(now.tags()).doesNotContain("refund-approved");
        assertThat(engine.tickets().auditTrail(shop.admin, t.id())).noneMatch(e -> e instanceof TicketEvent.ExtensionEvent);
    }

    @Test
    void aStaleVersionIsAConflict() {
        Ticket t = shop.carolAsks("refund", Fixtures.AFTER_SALES);
        engine.tickets().command(shop.admin, t.id(), APPROVE, t.version(), ModuleCommandTest::approve);
        assertThatThrownBy(() -> engine.tickets().command(shop.admin, t.id(), APPROVE, t.version(), ModuleCommandTest::approve))
                .isInstanceOf(TicketConflictException.class);
        assertThat(hookSaw).hasSize(1);
    }
}
