package dev.ticketkit.sla;

import dev.ticketkit.core.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * SLA attainment over a set of tickets: per metric, overall and per channel, how many measured
 * cycles were achieved, breached, or are still open within target, and the attainment
 * {@code achieved / (achieved + breached)}. Each cycle counts once (a ticket with three answered
 * customer messages has three next-reply cycles). Built by {@link Sla#report} or, for hosts that
 * compute states themselves, with {@link #builder()}. Immutable.
 *
 * @param rows one row per metric and channel (channel "ALL" first for each metric), metrics in
 *             {@link SlaMetric} order, channels by name
 */
public record SlaReport(List<Row> rows) {
  /** The channel name of a metric's total row. */
  public static final String ALL = "ALL";

  /**
   * Counts for one metric on one channel (or {@value #ALL}).
   *
   * @param metric   the metric
   * @param channel  a channel name, or {@value SlaReport#ALL}
   * @param achieved cycles fulfilled within target
   * @param breached cycles that exceeded their target (fulfilled since or not)
   * @param active   open cycles not (yet) breached, running or paused
   */
  public record Row(SlaMetric metric, String channel, int achieved, int breached, int active) {
    /** Checks the parts. */
    public Row {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(channel, "channel");
    }

    /** @return achieved / (achieved + breached) in percent, or NaN when nothing has finished */
    public double attainmentPercent() {
      int done = achieved + breached;
      return done == 0 ? Double.NaN : 100.0 * achieved / done;
    }
  }

  /** Copies the rows. */
  public SlaReport {
    rows = List.copyOf(rows);
  }

  /** @return a builder that adds ticket states one by one */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The total row of a metric.
   *
   * @param metric the metric
   * @return its row over all channels (zeros when no ticket measured it)
   */
  public Row total(SlaMetric metric) {
    return row(metric, ALL);
  }

  /**
   * The row of a metric on a channel.
   *
   * @param metric  the metric
   * @param channel a channel name or {@value #ALL}
   * @return its row (zeros when no ticket measured it)
   */
  public Row row(SlaMetric metric, String channel) {
    for (Row r : rows) {
      if (r.metric() == metric && r.channel().equals(channel)) {
        return r;
      }
    }
    return new Row(metric, channel, 0, 0, 0);
  }

  /**
   * A fixed-width table: metric, channel, achieved, breached, active, attainment.
   *
   * @return the text
   */
  public String render() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %-12s %9s %9s %7s %11s%n",
        "metric", "channel", "achieved", "breached", "active", "attainment"));
    for (Row r : rows) {
      double pct = r.attainmentPercent();
      out.append(String.format(Locale.ROOT, "%-16s %-12s %9d %9d %7d %11s%n", r.metric().key(), r.channel(), r.achieved(),
          r.breached(), r.active(), Double.isNaN(pct) ? "-" : String.format(Locale.ROOT, "%.1f%%", pct)));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  /** Accumulates ticket states. Not thread-safe. */
  public static final class Builder {
    private final Map<SlaMetric, Map<String, int[]>> counts = new EnumMap<>(SlaMetric.class);

    private Builder() {
    }

    /**
     * Adds every measured cycle of one ticket.
     *
     * @param channel the ticket's channel
     * @param state   its state
     * @return this builder
     */
    public Builder add(Channel channel, SlaState state) {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(state, "state");
      for (MetricState m : state.metrics()) {
        int slot = switch (m.status()) {
          case ACHIEVED -> 0;
          case BREACHED -> 1;
          case ACTIVE, PAUSED -> 2;
        };
        Map<String, int[]> byChannel = counts.computeIfAbsent(m.metric(), k -> new TreeMap<>());
        byChannel.computeIfAbsent(ALL, k -> new int[3])[slot]++;
        byChannel.computeIfAbsent(channel.name(), k -> new int[3])[slot]++;
      }
      return this;
    }

    /** @return the report */
    public SlaReport build() {
      List<Row> rows = new ArrayList<>();
      counts.forEach((metric, byChannel) -> {
        int[] all = byChannel.get(ALL);
        rows.add(new Row(metric, ALL, all[0], all[1], all[2]));
        byChannel.forEach((channel, c) -> {
          if (!channel.equals(ALL)) {
            rows.add(new Row(metric, channel, c[0], c[1], c[2]));
          }
        });
      });
      return new SlaReport(Collections.unmodifiableList(rows));
    }
  }
}
