package dev.ticketkit.commerce.aftersales;

import dev.ticketkit.core.TeamId;
import java.util.Objects;

/**
 * The teams that own the physical and the money steps of cases. With them set
 * ({@code Commerce.builder().afterSalesTeams(..)}), an approved return or exchange opens a child task for the
 * warehouse ("receive the return of case C1"), and a received return opens one for finance ("refund case C1");
 * solving the warehouse task moves the case to RECEIVED (tag the task {@code inspection:damaged} or
 * {@code inspection:missing_parts} to say what was found; untagged is as expected), and recording the full refund
 * solves the finance task.
 *
 * @param warehouse the team that receives returns and ships replacements
 * @param finance   the team that pays refunds
 */
public record AfterSalesTeams(TeamId warehouse, TeamId finance) {
    public AfterSalesTeams {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(finance, "finance");
    }
}
