package dev.ticketkit.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Replacing a tenant's rules while commands run: every command sees one whole rule set, never a mix. */
class ConcurrentReplaceTest extends RulesTestBase {

    private static String ruleSet(String name) {
        StringBuilder y = new StringBuilder("rules:\n");
        for (int i = 0; i < 20; i++) {
            y.append("  - { id: ").append(name).append(i).append(", on: [created], actions: [ { add_tags: ")
                    .append(name).append('-').append(i).append(" } ] }\n");
        }
        return y.toString();
    }

    @Test
    void commandsSeeEitherTheOldOrTheNewSetWhole() throws Exception {
        RuleSet a = rules.parse("a.yaml", ruleSet("a"));
        RuleSet b = rules.parse("b.yaml", ruleSet("b"));
        rules.replace(shop.tenant, a);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> swapper = pool.submit(() -> {
                int swaps = 0;
                while (!stop.get() && swaps < 1_000_000) {
                    rules.replace(shop.tenant, swaps % 2 == 0 ? b : a);
                    swaps++;
                }
                return swaps;
            });
            List<Future<List<Ticket>>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    List<Ticket> out = new ArrayList<>();
                    for (int i = 0; i < 150; i++) {
                        out.add(carolAsks("w" + writer + "-" + i, "hello"));
                    }
                    return out;
                }));
            }
            List<Ticket> all = new ArrayList<>();
            for (Future<List<Ticket>> f : writers) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            stop.set(true);
            assertThat(swapper.get(60, TimeUnit.SECONDS)).isPositive();
            int fromA = 0;
            int fromB = 0;
            for (Ticket t : all) {
                long as = t.tags().stream().filter(x -> x.startsWith("a-")).count();
                long bs = t.tags().stream().filter(x -> x.startsWith("b-")).count();
                assertThat(as == 20 && bs == 0 || as == 0 && bs == 20).as("tags of %s: %s", t.number(), t.tags()).isTrue();
                if (as == 20) {
                    fromA++;
                } else {
                    fromB++;
                }
            }
            assertThat(fromA + fromB).isEqualTo(300);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
