package dev.ticketkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.TicketStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PeakDaySimulationTest {
    private static PeakDaySimulation.Summary small;

    @BeforeAll
    static void runSmallDay() {
        small = PeakDaySimulation.run(600);
    }

    @Test
    void everyTicketHasItsOwnNumber() {
        assertThat(small.tickets()).isGreaterThanOrEqualTo(small.inquiries());
        assertThat(small.numberedTickets()).isEqualTo(small.tickets());
    }

    @Test
    void statusesAndChannelsAddUpToTheTotal() {
        assertThat(small.ticketsByStatus().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(small.tickets());
        assertThat(small.ticketsByChannel().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(small.tickets());
        assertThat(small.ticketsByChannel()).containsKeys("TAOBAO", "JD", "PINDUODUO", "WECHAT", "APP", "WEB_CHAT", "EMAIL", "SHOPIFY");
    }

    @Test
    void agentsAndCustomersTalk() {
        assertThat(small.agentReplies()).isPositive();
        assertThat(small.customerReplies()).isPositive();
        assertThat(small.internalNotes()).isPositive();
        assertThat(small.answeredTickets()).isPositive().isLessThanOrEqualTo(small.tickets());
    }

    @Test
    void followUpsAreLinkedToTheClosedTicket() {
        assertThat(small.followUps()).isPositive();
        assertThat(small.followUpsLinked()).isEqualTo((int) small.followUps());
    }

    @Test
    void duplicatesAreMergedAndReturnsGoToTheWarehouse() {
        assertThat(small.merges()).isPositive().isLessThanOrEqualTo(small.tickets());
        assertThat(small.childTasks()).isPositive();
        assertThat(small.childTasksLinked()).isEqualTo((int) small.childTasks());
        assertThat(small.ticketsByChannel().get("INTERNAL")).isEqualTo((int) small.childTasks());
    }

    @Test
    void returnsAndExchangesRunAsAfterSalesCasesWithTheWarehouseAndFinance() {
        PeakDaySimulation.AfterSalesCounts as = small.afterSales();
        assertThat(as.opened()).isPositive();
        assertThat(as.approved() + as.refused()).isPositive().isLessThanOrEqualTo(as.opened());
        assertThat(as.received()).isPositive().isLessThanOrEqualTo(as.approved());
        assertThat(as.refunds()).isPositive().isLessThanOrEqualTo(as.received());
        assertThat(as.refunded()).isPositive();
        assertThat(as.done()).isEqualTo(as.refunds() + as.reshipped());
        // every approved case got its warehouse task, every received return its finance task
        assertThat(small.childTasks()).isGreaterThanOrEqualTo(as.approved());
        assertThat(as.refusedBy().values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(as.refused());
        assertThat(as.couponsGranted()).isPositive();
        assertThat(as.couponsApproved()).as("coupons above the agent's limit went to the lead").isPositive()
                .isLessThanOrEqualTo(as.couponsGranted());
        assertThat(as.couponTotal()).isPositive();
        assertThat(PeakDaySimulation.format(small)).contains("after-sales cases opened", "refunds paid", "coupons issued");
    }

    @Test
    void autoCloseClosesSolvedTicketsOnceTheClockHasMoved() {
        assertThat(small.autoClosed()).isPositive();
        assertThat(small.dueWorkRun()).isGreaterThanOrEqualTo(small.autoClosed());
        // closed = auto-closed + merged away (merging closes the source)
        assertThat(small.ticketsByStatus().get(TicketStatus.CLOSED)).isEqualTo((int) (small.autoClosed() + small.merges()));
    }

    @Test
    void firstReplyPercentilesAreOrdered() {
        assertThat(small.firstReplyMedian()).isPositive();
        assertThat(small.firstReplyP90()).isGreaterThanOrEqualTo(small.firstReplyMedian());
    }

    @Test
    void theSameSeedGivesTheSameDay() {
        PeakDaySimulation.Summary again = PeakDaySimulation.run(600);
        assertThat(again).usingRecursiveComparison().ignoringFields("wallTime").isEqualTo(small);
        PeakDaySimulation.Summary other = PeakDaySimulation.run(600, 42L);
        assertThat(other.ticketsByStatus()).isNotEqualTo(small.ticketsByStatus());
    }

    @Test
    void theRulesFromTheYamlFileRouteEveryInquiryToATeam() {
        assertThat(small.ticketsByTeam()).doesNotContainKey("(none)")
                .containsKeys("pre-sales", "after-sales", "logistics", "finance", "warehouse");
        assertThat(small.ticketsByTeam().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(small.tickets());
        assertThat(small.autoReplies()).isPositive();   // the logistics acknowledgement template
        assertThat(small.escalations()).isPositive();   // angry-and-urgent, first-reply-breach
    }

    @Test
    void eMailArrivesAsRawMimeThroughIntake() {
        assertThat(small.emailsTakenIn()).isPositive();
        // every e-mail ticket came through intake (its first message and the customers' answers)
        assertThat(small.emailsTakenIn()).isGreaterThanOrEqualTo(small.ticketsByChannel().get("EMAIL"));
    }

    @Test
    void slaIsMeasuredPerMetricAndChannelAndTimersFire() {
        dev.ticketkit.sla.SlaReport.Row first = small.sla().total(dev.ticketkit.sla.SlaMetric.FIRST_REPLY);
        assertThat(first.achieved()).isPositive();
        assertThat(first.achieved() + first.breached() + first.active()).isLessThanOrEqualTo(small.tickets());
        assertThat(small.sla().row(dev.ticketkit.sla.SlaMetric.FIRST_REPLY, "TAOBAO").achieved()).isPositive();
        // tasks between teams have no policy
        dev.ticketkit.sla.SlaReport.Row internal = small.sla().row(dev.ticketkit.sla.SlaMetric.FIRST_REPLY, "INTERNAL");
        assertThat(internal.achieved() + internal.breached() + internal.active()).isZero();
        assertThat(small.slaWarnings()).isPositive();
        assertThat(small.slaBreaches()).isEqualTo(small.sla().rows().stream()
                .filter(r -> r.channel().equals(dev.ticketkit.sla.SlaReport.ALL)).mapToInt(r -> r.breached()).sum());
        assertThat(PeakDaySimulation.format(small)).contains("SLA attainment", "first_reply TAOBAO");
    }

    @Test
    void theSummaryTablePrintsEveryFigure() {
        String table = PeakDaySimulation.format(small);
        assertThat(table).contains("channel SHOPIFY", "status CLOSED", "first reply, p90", "commands per second",
                String.valueOf(small.tickets()));
    }

    @Test
    void rejectsAnEmptyDay() {
        assertThatThrownBy(() -> PeakDaySimulation.run(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentileIsNearestRank() {
        List<Duration> d = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3),
                Duration.ofMinutes(4), Duration.ofMinutes(10));
        assertThat(PeakDaySimulation.percentile(d, 0.5)).isEqualTo(Duration.ofMinutes(3));
        assertThat(PeakDaySimulation.percentile(d, 0.9)).isEqualTo(Duration.ofMinutes(10));
        assertThat(PeakDaySimulation.percentile(List.of(), 0.9)).isEqualTo(Duration.ZERO);
    }

    @Test
    void quickStartRunsAndPrintsTheSolvedTicket() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("TK-000001 after the agent's reply: OPEN", "TK-000001 is SOLVED",
                "CUSTOMER: I ordered a kettle", "AGENT: Sorry for the wait!");
    }

    @Test
    void theEmbeddedH2StoreGivesTheSameDayAsMemory() {
        PeakDaySimulation.Summary h2;
        try (dev.ticketkit.jdbc.JdbcTicketStore store = dev.ticketkit.jdbc.JdbcTicketStore.inMemory()) {
            h2 = PeakDaySimulation.run(600, 1111L, store);
        }
        PeakDaySimulation.Summary memory = PeakDaySimulation.run(600, 1111L);
        assertThat(h2.tickets()).isEqualTo(memory.tickets());
        assertThat(h2.ticketsByStatus()).isEqualTo(memory.ticketsByStatus());
        assertThat(h2.ticketsByChannel()).isEqualTo(memory.ticketsByChannel());
        assertThat(h2.agentReplies()).isEqualTo(memory.agentReplies());
        assertThat(h2.merges()).isEqualTo(memory.merges());
        assertThat(h2.autoClosed()).isEqualTo(memory.autoClosed());
        assertThat(h2.firstReplyMedian()).isEqualTo(memory.firstReplyMedian());
        assertThat(h2.firstReplyP90()).isEqualTo(memory.firstReplyP90());
        assertThat(h2.sla()).isEqualTo(memory.sla());
        assertThat(h2.ticketsByTeam()).isEqualTo(memory.ticketsByTeam());
    }
}
