package dev.ticketkit.sla;

import dev.ticketkit.config.ConfigException;
import dev.ticketkit.config.Durations;
import dev.ticketkit.config.LocatedTree;
import dev.ticketkit.core.Calendars;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.ConditionException;
import dev.ticketkit.core.condition.Conditions;
import dev.ticketkit.core.condition.FactCatalog;
import dev.ticketkit.core.condition.Facts;
import dev.ticketkit.core.condition.TicketFacts;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered list of SLA policies of an installation. A ticket gets the policy named by its tag
 * {@code sla_policy:<name>} if there is one (rules apply a policy this way), else the first policy
 * whose condition holds, else none. Immutable and thread-safe.
 *
 * <p>Policies are built in code ({@link #of(List)}) or read from JSON or YAML ({@link #load},
 * {@link #fromYaml}, {@link #fromJson}) through the configuration foundation ({@code ticket-config}): a mistake
 * is a {@link ConfigException} reading {@code sla.yaml:14:24: policies[2].targets.URGENT: ...}. A file's
 * calendars are checked against the {@link Calendars} the engine is given, and its conditions against the
 * engine's facts ({@link FactCatalog}: the ticket's, and {@code member.*}, {@code order.*} ... when a module adds
 * them). The file format is in the module README:
 *
 * <pre>
 * policies:
 *   - name: marketplace
 *     when: { field: channel, op: in, value: [TAOBAO, JD, PINDUODUO] }
 *     calendar: 24x7
 *     warning: 80%
 *     targets:
 *       URGENT: { first_reply: 30m, next_reply: 1h, resolution: 8h }
 *       NORMAL: { first_reply: 4h, resolution: { time: 48h, calendar: office } }
 *     pause:
 *       requester_wait: [PENDING]
 * </pre>
 */
public final class SlaPolicies {
  /** The tag prefix that names a policy: {@code sla_policy:<name>}. */
  public static final String TAG_PREFIX = "sla_policy:";

  private static final Set<String> TOP_KEYS = Set.of("policies");
  private static final Set<String> POLICY_KEYS =
      Set.of("name", "description", "when", "calendar", "warning", "warnings", "targets", "pause");
  private static final Set<String> TARGET_KEYS = Set.of("time", "calendar");

  private final List<SlaPolicy> policies;
  private final Map<String, SlaPolicy> byName;

  private SlaPolicies(List<SlaPolicy> policies) {
    Map<String, SlaPolicy> names = new LinkedHashMap<>();
    for (SlaPolicy p : policies) {
      Objects.requireNonNull(p, "policy");
      if (names.putIfAbsent(p.name(), p) != null) {
        throw new IllegalArgumentException("two policies are named \"" + p.name() + "\"");
      }
    }
    this.policies = List.copyOf(policies);
    this.byName = Collections.unmodifiableMap(names);
  }

  /**
   * Policies in the order they are tried.
   *
   * @param policies the policies, names unique
   * @return the list
   * @throws IllegalArgumentException if two policies share a name
   */
  public static SlaPolicies of(List<SlaPolicy> policies) {
    return new SlaPolicies(Objects.requireNonNull(policies, "policies"));
  }

  /**
   * Policies in the order they are tried.
   *
   * @param policies the policies, names unique
   * @return the list
   */
  public static SlaPolicies of(SlaPolicy... policies) {
    return of(List.of(policies));
  }

  /** @return the policies, in order */
  public List<SlaPolicy> list() {
    return policies;
  }

  /**
   * The policy of that name.
   *
   * @param name a policy name
   * @return the policy, or empty
   */
  public Optional<SlaPolicy> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Chooses the policy of a ticket: the one its {@code sla_policy:} tag names, else the first whose
   * condition holds for the ticket and its requester.
   *
   * @param ticket    the ticket
   * @param requester its requester (customer facts are unset when null)
   * @return the choice, {@link PolicySelection#none()} when no policy applies
   */
  public PolicySelection select(Ticket ticket, Customer requester) {
    Objects.requireNonNull(ticket, "ticket");
    return choose(ticket, TicketFacts.of(ticket, requester));
  }

  /**
   * Chooses the policy of a ticket against facts that may hold module facts (a hook's {@code facts()}).
   *
   * @param ticket the ticket
   * @param facts  its facts
   * @return the choice
   */
  public PolicySelection select(Ticket ticket, Facts facts) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(facts, "facts");
    return choose(ticket, facts);
  }

  private PolicySelection choose(Ticket ticket, Facts facts) {
    for (String tag : ticket.tags()) {
      if (tag.startsWith(TAG_PREFIX)) {
        SlaPolicy p = byName.get(tag.substring(TAG_PREFIX.length()));
        if (p != null) {
          return new PolicySelection(p, PolicySelection.Reason.TAG, tag);
        }
      }
    }
    for (SlaPolicy p : policies) {
      if (p.when().test(facts)) {
        return new PolicySelection(p, PolicySelection.Reason.CONDITION, "");
      }
    }
    return PolicySelection.none();
  }

  /**
   * Reads a policy file; JSON if its name ends in {@code .json}, else YAML.
   *
   * @param file      the file
   * @param calendars the calendars policies may name (those the engine is given)
   * @return the policies
   * @throws ConfigException naming the file, line, column and path of the first mistake
   */
  public static SlaPolicies load(Path file, Calendars calendars) {
    return load(file, calendars, FactCatalog.basic());
  }

  /**
   * Reads a policy file whose conditions may use module facts ({@code member.tier}, {@code order.status}).
   *
   * @param file      the file
   * @param calendars the calendars policies may name
   * @param facts     the facts conditions may test ({@code FactCatalog.of(sources)}, or an engine's
   *                  {@code facts()})
   * @throws ConfigException naming the file, line, column and path of the first mistake
   */
  public static SlaPolicies load(Path file, Calendars calendars, FactCatalog facts) {
    Objects.requireNonNull(file, "file");
    return read(LocatedTree.read(file), calendars, facts);
  }

  /**
   * Reads policies from YAML.
   *
   * @param in        the document (not closed)
   * @param source    a name for messages, such as the file name
   * @param calendars the calendars policies may name
   * @return the policies
   * @throws ConfigException naming the source, line, column and path of the first mistake
   */
  public static SlaPolicies fromYaml(InputStream in, String source, Calendars calendars) {
    return fromStream(in, source, LocatedTree.Format.YAML, calendars, FactCatalog.basic());
  }

  /**
   * Reads policies from JSON.
   *
   * @param in        the document (not closed)
   * @param source    a name for messages, such as the file name
   * @param calendars the calendars policies may name
   * @return the policies
   * @throws ConfigException naming the source, line, column and path of the first mistake
   */
  public static SlaPolicies fromJson(InputStream in, String source, Calendars calendars) {
    return fromStream(in, source, LocatedTree.Format.JSON, calendars, FactCatalog.basic());
  }

  /**
   * Reads policies from a stream in the given format, with module facts.
   *
   * @throws ConfigException naming the source, line, column and path of the first mistake
   */
  public static SlaPolicies fromStream(InputStream in, String source, LocatedTree.Format format, Calendars calendars,
      FactCatalog facts) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    return read(LocatedTree.read(source, new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8), format),
        calendars, facts);
  }

  private static SlaPolicies read(LocatedTree tree, Calendars calendars, FactCatalog facts) {
    Objects.requireNonNull(calendars, "calendars");
    Objects.requireNonNull(facts, "facts");
    return new Reader(tree, calendars, facts).read();
  }

  @Override
  public String toString() {
    return "SlaPolicies" + byName.keySet();
  }

  /** Turns a located tree into policies, failing at the first mistake with its position. */
  private static final class Reader {
    private final LocatedTree tree;
    private final Calendars calendars;
    private final FactCatalog facts;

    Reader(LocatedTree tree, Calendars calendars, FactCatalog facts) {
      this.tree = tree;
      this.calendars = calendars;
      this.facts = facts;
    }

    SlaPolicies read() {
      Map<String, Object> top = map(tree.root(), "");
      onlyKeys(top, TOP_KEYS, "");
      Object list = top.get("policies");
      if (!(list instanceof List<?> items)) {
        throw tree.error("policies", list == null ? "missing" : "expected a list of policies, got " + kind(list));
      }
      List<SlaPolicy> out = new ArrayList<>();
      Map<String, String> seen = new LinkedHashMap<>();
      for (int i = 0; i < items.size(); i++) {
        String path = "policies[" + i + "]";
        SlaPolicy p = policy(items.get(i), path);
        String earlier = seen.putIfAbsent(p.name(), path);
        if (earlier != null) {
          throw tree.error(path + ".name", "the name \"" + p.name() + "\" is already used by " + earlier);
        }
        out.add(p);
      }
      return new SlaPolicies(out);
    }

    private SlaPolicy policy(Object node, String path) {
      Map<String, Object> m = map(node, path);
      onlyKeys(m, POLICY_KEYS, path);
      Object nameValue = m.get("name");
      if (!(nameValue instanceof String name)) {
        throw tree.error(path + ".name", nameValue == null ? "missing" : "expected a name, got " + kind(nameValue));
      }
      SlaPolicy.Builder b;
      try {
        b = SlaPolicy.builder(name);
      } catch (IllegalArgumentException e) {
        throw tree.error(path + ".name", e.getMessage());
      }
      if (m.containsKey("description") && !(m.get("description") instanceof String)) {
        throw tree.error(path + ".description", "expected text");
      }
      if (m.containsKey("when")) {
        String wp = path + ".when";
        Condition c;
        try {
          c = Conditions.parse(m.get("when"), facts.schema(), wp);
        } catch (ConditionException e) {
          String full = e.path();
          String problem = e.getMessage().startsWith(full + ": ") ? e.getMessage().substring(full.length() + 2) : e.getMessage();
          throw tree.error(full, problem);
        }
        b.when(c);
      }
      if (m.containsKey("calendar")) {
        b.calendar(calendar(m.get("calendar"), path + ".calendar"));
      }
      if (m.containsKey("warning")) {
        b.warning(warning(m.get("warning"), path + ".warning"));
      }
      if (m.containsKey("warnings")) {
        String wp = path + ".warnings";
        for (Map.Entry<String, Object> e : map(m.get("warnings"), wp).entrySet()) {
          String here = wp + "." + e.getKey();
          SlaMetric metric = metric(e.getKey(), here);
          b.warning(metric, e.getValue() == null || "none".equals(e.getValue()) ? null : warning(e.getValue(), here));
        }
      }
      if (m.containsKey("pause")) {
        String pp = path + ".pause";
        for (Map.Entry<String, Object> e : map(m.get("pause"), pp).entrySet()) {
          String here = pp + "." + e.getKey();
          SlaMetric metric = metric(e.getKey(), here);
          Object v = e.getValue();
          List<?> statuses = v instanceof List<?> l ? l : v == null ? List.of() : List.of(v);
          List<TicketStatus> parsed = new ArrayList<>();
          for (int i = 0; i < statuses.size(); i++) {
            parsed.add(status(statuses.get(i), here + "[" + i + "]"));
          }
          try {
            b.pauseIn(metric, parsed.toArray(TicketStatus[]::new));
          } catch (IllegalArgumentException ex) {
            throw tree.error(here, ex.getMessage());
          }
        }
      }
      Object targets = m.get("targets");
      if (targets == null) {
        throw tree.error(path + ".targets", "missing");
      }
      String tp = path + ".targets";
      for (Map.Entry<String, Object> pe : map(targets, tp).entrySet()) {
        String ppath = tp + "." + pe.getKey();
        Priority priority = priority(pe.getKey(), ppath);
        for (Map.Entry<String, Object> me : map(pe.getValue(), ppath).entrySet()) {
          String mpath = ppath + "." + me.getKey();
          SlaMetric metric = metric(me.getKey(), mpath);
          Object v = me.getValue();
          if (v instanceof Map<?, ?>) {
            Map<String, Object> tm = map(v, mpath);
            onlyKeys(tm, TARGET_KEYS, mpath);
            Duration time = duration(tm.get("time"), mpath + ".time");
            if (tm.containsKey("calendar")) {
              b.target(priority, metric, time, calendar(tm.get("calendar"), mpath + ".calendar"));
            } else {
              b.target(priority, metric, time);
            }
          } else {
            b.target(priority, metric, duration(v, mpath));
          }
        }
      }
      return b.build();
    }

    private Map<String, Object> map(Object node, String path) {
      return tree.map(node, path);
    }

    private void onlyKeys(Map<String, Object> m, Set<String> allowed, String path) {
      tree.onlyKeys(m, allowed, path);
    }

    private Duration duration(Object v, String path) {
      Duration d = tree.duration(v, path);
      if (d.isZero()) {
        throw tree.error(path, "a target must be positive");
      }
      return d;
    }

    private String calendar(Object v, String path) {
      if (!(v instanceof String name)) {
        throw tree.error(path, "expected a calendar name, got " + kind(v));
      }
      if (calendars.find(name).isEmpty()) {
        throw tree.error(path, "unknown calendar \"" + name + "\" (known: " + String.join(", ", calendars.names()) + ")");
      }
      return name;
    }

    private WarningThreshold warning(Object v, String path) {
      if (v instanceof String s && s.trim().endsWith("%")) {
        String digits = s.trim().substring(0, s.trim().length() - 1).trim();
        try {
          int pct = Integer.parseInt(digits);
          if (pct >= 1 && pct <= 99) {
            return WarningThreshold.percent(pct);
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw tree.error(path, "a percentage must be 1% to 99%, got " + kind(v));
      }
      Duration d = Durations.parse(v).orElseThrow(() -> tree.error(path,
          "expected a percentage such as 80% or a time before due such as 30m, got " + LocatedTree.describe(v)));
      if (d.isZero() || d.isNegative()) {
        throw tree.error(path, "a time before due must be positive");
      }
      return WarningThreshold.before(d);
    }

    private SlaMetric metric(String key, String path) {
      return SlaMetric.ofKey(key).orElseThrow(() -> tree.errorAtKey(path, "unknown metric \"" + key
          + "\" (expected first_reply, next_reply, periodic_update, resolution, requester_wait or agent_work)"));
    }

    private Priority priority(String key, String path) {
      for (Priority p : Priority.values()) {
        if (p.name().equalsIgnoreCase(key)) {
          return p;
        }
      }
      throw tree.errorAtKey(path, "unknown priority \"" + key + "\" (expected LOW, NORMAL, HIGH or URGENT)");
    }

    private TicketStatus status(Object v, String path) {
      if (v instanceof String s) {
        for (TicketStatus st : TicketStatus.values()) {
          if (st.name().equalsIgnoreCase(s.trim())) {
            return st;
          }
        }
      }
      throw tree.error(path, "expected a status (NEW, OPEN, PENDING or ON_HOLD), got " + kind(v));
    }

    private static String kind(Object value) {
      return LocatedTree.describe(value);
    }
  }
}
