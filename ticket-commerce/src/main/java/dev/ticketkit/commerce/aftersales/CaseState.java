package dev.ticketkit.commerce.aftersales;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an after-sales case is. The moves each {@link CaseType} allows are in {@link #allowed(CaseType)}:
 *
 * <pre>
 * REFUND_ONLY        REQUESTED → APPROVED → REFUNDED (→ REFUNDED, partial refunds) → DONE
 * RETURN_AND_REFUND  REQUESTED → APPROVED → RETURN_SHIPPED → RECEIVED → REFUNDED → DONE
 * EXCHANGE           REQUESTED → APPROVED → RETURN_SHIPPED → RECEIVED → RESHIPPED → DONE
 * REISSUE            REQUESTED → APPROVED → RESHIPPED → DONE
 * every type         REQUESTED → REJECTED;  REQUESTED, APPROVED, RETURN_SHIPPED → CANCELLED (by the buyer)
 *                    REJECTED, RECEIVED → IN_ARBITRATION (the platform decides) → APPROVED, DONE, or the
 *                    type's next step after RECEIVED (REFUNDED; RESHIPPED for an exchange)
 * </pre>
 */
public enum CaseState {
    /** Asked for; waiting for the shop's decision. */
    REQUESTED,
    /** The shop agreed. */
    APPROVED,
    /** The shop refused (the buyer may take it to the platform). */
    REJECTED,
    /** The buyer shipped the goods back (the reverse waybill is known). */
    RETURN_SHIPPED,
    /** The warehouse received and inspected the returned goods. */
    RECEIVED,
    /** The money went back. */
    REFUNDED,
    /** A replacement or a second parcel left. */
    RESHIPPED,
    /** The platform's arbitration is deciding. */
    IN_ARBITRATION,
    /** Withdrawn by the buyer. */
    CANCELLED,
    /** Finished. */
    DONE;

    private static final Map<CaseType, Map<CaseState, Set<CaseState>>> MOVES = new EnumMap<>(CaseType.class);

    static {
        for (CaseType type : CaseType.values()) {
            Map<CaseState, Set<CaseState>> m = new EnumMap<>(CaseState.class);
            for (CaseState s : values()) {
                m.put(s, EnumSet.noneOf(CaseState.class));
            }
            m.get(REQUESTED).addAll(EnumSet.of(APPROVED, REJECTED, CANCELLED));
            m.get(APPROVED).add(CANCELLED);
            m.get(REJECTED).add(IN_ARBITRATION);
            m.get(IN_ARBITRATION).addAll(EnumSet.of(APPROVED, DONE));
            switch (type) {
                case REFUND_ONLY -> {
                    m.get(APPROVED).add(REFUNDED);
                    m.get(IN_ARBITRATION).add(REFUNDED);
                    m.get(REFUNDED).addAll(EnumSet.of(REFUNDED, DONE)); // partial refunds, one after another
                }
                case RETURN_AND_REFUND -> {
                    m.get(APPROVED).add(RETURN_SHIPPED);
                    m.get(RETURN_SHIPPED).addAll(EnumSet.of(RECEIVED, CANCELLED));
                    m.get(RECEIVED).addAll(EnumSet.of(REFUNDED, IN_ARBITRATION));
                    m.get(IN_ARBITRATION).add(REFUNDED);
                    m.get(REFUNDED).addAll(EnumSet.of(REFUNDED, DONE));
                }
                case EXCHANGE -> {
                    m.get(APPROVED).add(RETURN_SHIPPED);
                    m.get(RETURN_SHIPPED).addAll(EnumSet.of(RECEIVED, CANCELLED));
                    m.get(RECEIVED).addAll(EnumSet.of(RESHIPPED, IN_ARBITRATION));
                    m.get(IN_ARBITRATION).add(RESHIPPED);
                    m.get(RESHIPPED).add(DONE);
                }
                case REISSUE -> {
                    m.get(APPROVED).add(RESHIPPED);
                    m.get(RESHIPPED).add(DONE);
                }
            }
            MOVES.put(type, m);
        }
    }

    /** The states a case of this type may move to from this one (none from CANCELLED and DONE). */
    public Set<CaseState> allowed(CaseType type) {
        return Set.copyOf(MOVES.get(type).get(this));
    }

    /** Whether the case is over. */
    public boolean isFinal() {
        return this == CANCELLED || this == DONE;
    }
}
