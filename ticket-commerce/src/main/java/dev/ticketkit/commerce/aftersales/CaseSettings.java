package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.commerce.context.Fetched;
import dev.ticketkit.commerce.context.Order;
import dev.ticketkit.commerce.returns.ReturnPolicy;
import dev.ticketkit.core.OrderRef;
import dev.ticketkit.core.TenantId;
import java.util.Optional;

/**
 * What after-sales cases take from the module that hosts them ({@code Commerce} gives its own): the order source
 * (read before a command), the refund gateway, deadlines, the teams of child tasks and each tenant's return policy.
 */
public interface CaseSettings {

    /** An order, fetched outside any command (waiting at most the order source's timeout). */
    Fetched<Order> order(TenantId tenant, OrderRef ref);

    /** The host's refund gateway, if it gave one. */
    Optional<RefundGateway> refundGateway();

    /** How long cases wait, and what a missed deadline does. */
    AfterSalesDeadlines deadlines();

    /** The teams that get the cases' child tasks, if set. */
    Optional<AfterSalesTeams> teams();

    /** A tenant's return policy. */
    ReturnPolicy returnPolicy(TenantId tenant);
}
