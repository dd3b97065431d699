package dev.ticketkit.commerce.waybill;

/** The carriers whose waybill numbers {@link WaybillRecognizer} knows. */
public enum Carrier {
    /** SF Express (顺丰): {@code SF} and 12 or 13 digits. */
    SF("顺丰"),
    /** JD Logistics (京东物流): {@code JD}, up to two letters, and 11 to 13 digits. */
    JD("京东"),
    /** YTO Express (圆通): {@code YT} and 13 digits. */
    YTO("圆通"),
    /** ZTO Express (中通): 12 or 14 digits, recognised only next to the carrier's name. */
    ZTO("中通"),
    /** STO Express (申通): 12 to 15 digits, recognised only next to the carrier's name. */
    STO("申通"),
    /** Yunda (韵达): 13 or 15 digits, recognised only next to the carrier's name. */
    YUNDA("韵达"),
    /** J&T Express (极兔): {@code JT} and 13 digits. */
    JT("极兔"),
    /**
     * China Post EMS (邮政 EMS): a UPU S10 number ending in {@code CN} with a valid check digit, or 13 digits next to
     * the carrier's name.
     */
    EMS("邮政"),
    /** Another country's postal operator: a UPU S10 number with a valid check digit, not ending in {@code CN}. */
    POST("国际邮政");

    private final String chineseName;

    Carrier(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The name buyers use, such as {@code 顺丰}. */
    public String chineseName() {
        return chineseName;
    }
}
