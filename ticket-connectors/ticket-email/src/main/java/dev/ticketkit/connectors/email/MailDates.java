package dev.ticketkit.connectors.email;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 5322 dates, leniently: optional day name, 2- or 4-digit year, optional seconds, numeric
 * zones and the obsolete named zones (UT, GMT, EST … PDT, Z). A date without a zone is read as
 * UTC. Never uses the system time zone.
 */
final class MailDates {

    private static final Pattern DATE = Pattern.compile(
            "(?:[A-Za-z]{3,9},?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3,9})[\\s-]+(\\d{2,4})\\s+"
                    + "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?\\s*([+-]\\d{4}|[A-Za-z]{1,5})?.*",
            Pattern.DOTALL);
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0),
            Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
            Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7));

    private MailDates() {
    }

    static Instant parse(String value) {
        if (value == null || value.length() > 200) {
            return null;
        }
        Matcher m = DATE.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        Integer month = MONTHS.get(m.group(2).substring(0, 3).toLowerCase(Locale.ROOT));
        if (month == null) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        } else if (m.group(3).length() == 3) {
            year += 1900;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return local.toInstant(offset(m.group(7)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (zone.startsWith("+") || zone.startsWith("-")) {
            int h = Integer.parseInt(zone.substring(1, 3));
            int min = Integer.parseInt(zone.substring(3, 5));
            int sign = zone.startsWith("-") ? -1 : 1;
            if (h > 18 || min > 59) {
                throw new DateTimeException("offset out of range");
            }
            return ZoneOffset.ofHoursMinutes(sign * h, sign * min);
        }
        return ZoneOffset.ofHours(ZONES.getOrDefault(zone.toUpperCase(Locale.ROOT), 0));
    }
}
