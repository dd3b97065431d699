package dev.ticketkit.examples;

import java.util.List;
import java.util.Random;

/**
 * What Double 11 customers write and what agents answer, in Chinese and English. Demo data only: order
 * numbers and tracking numbers are random, names are invented, e-mail addresses use {@code example.com}.
 */
final class Inquiries {
    private Inquiries() {}

    /** What an inquiry is about; the subjects carry the words the keyword classifier recognises. */
    enum Topic {
        WHERE_IS_MY_PARCEL(
                List.of("我的快递到哪了？", "订单%s物流三天没更新了", "包裹显示已签收但我没收到", "订单%s什么时候发货？"),
                List.of("Where is my parcel?", "Tracking for order %s hasn't updated", "Parcel marked delivered but not received", "When will order %s ship?"),
                List.of("双十一前下的单，到现在物流信息还是不动，麻烦帮忙查一下。", "快递员说放驿站了，可是驿站说没有我的包裹。"),
                List.of("I ordered last week and the tracking page still shows 'label created'.", "The courier says it was delivered but nothing is at my door.")),
        CHANGE_ADDRESS(
                List.of("能修改收货地址吗？订单%s", "地址填错了，急！订单%s"),
                List.of("Can I change the delivery address for order %s?", "Wrong shipping address on order %s"),
                List.of("我搬家了，下单时用的是旧地址，还没发货的话请帮我改一下。", "门牌号写错了，应该是12号楼不是21号楼。"),
                List.of("I moved last month and the order still has my old address.", "I typed the wrong apartment number, it should be 12B.")),
        RETURN(
                List.of("申请退货退款 订单%s", "七天无理由退货怎么操作？"),
                List.of("How do I return order %s?", "Refund request for order %s"),
                List.of("衣服收到了不太合适，想退货，吊牌还在。", "买重复了一件，申请退一件。"),
                List.of("The jacket doesn't fit and the tags are still on. How do I send it back?", "I ordered the same item twice by mistake.")),
        EXCHANGE(
                List.of("衣服尺码不对想换货", "换货：订单%s颜色发错了"),
                List.of("Exchange for a different size, order %s", "Wrong colour sent, need an exchange"),
                List.of("平时穿M，这件M偏小，能换L吗？", "我拍的是黑色，收到的是灰色。"),
                List.of("Medium is too small, could I swap it for a large?", "I ordered black and received grey.")),
        BROKEN_ITEM(
                List.of("收到的商品破损了 订单%s", "杯子收到就坏了"),
                List.of("Item arrived broken, order %s", "Damaged item in my parcel"),
                List.of("外箱被压扁了，里面的玻璃杯碎了两个。", "开机就黑屏，完全用不了。"),
                List.of("The box was crushed and two of the glasses are shattered.", "It won't switch on at all, straight out of the box.")),
        INVOICE(
                List.of("开具增值税发票 订单%s", "发票抬头写错了"),
                List.of("Invoice for order %s", "Need a VAT invoice with our company name"),
                List.of("公司报销需要专票，税号稍后发给您。", "抬头应该是公司全称，麻烦重开一张。"),
                List.of("Could you send a proper invoice? Our accounts team needs it.", "Please reissue the invoice with our registered company name.")),
        PRE_SALE_QUESTION(
                List.of("预售的定金和尾款怎么付？", "满减优惠券用不了", "这款有没有XL尺码？", "预售商品什么时候发货？"),
                List.of("Pre-sale question: when do I pay the balance?", "Coupon not working at checkout", "Is this available in size XL?", "Does the Double 11 discount stack with coupons?"),
                List.of("付了定金，尾款几点开始付？会不会错过？", "跨店满减的券领了但是结算时不抵扣。"),
                List.of("I paid the deposit, when does the balance payment open?", "The store coupon doesn't apply at checkout.")),
        COMPLAINT(
                List.of("投诉：客服一直不回复", "投诉物流太慢，差评"),
                List.of("Complaint: nobody answers my messages", "Complaint about a very late delivery"),
                List.of("问了三次都没人理，太失望了。", "说好48小时发货，一周了还没动。"),
                List.of("This is my third message and still no answer.", "You promised dispatch in 48 hours and it's been a week."));

        private final List<String> subjectsZh;
        private final List<String> subjectsEn;
        private final List<String> bodiesZh;
        private final List<String> bodiesEn;

        Topic(List<String> subjectsZh, List<String> subjectsEn, List<String> bodiesZh, List<String> bodiesEn) {
            this.subjectsZh = subjectsZh;
            this.subjectsEn = subjectsEn;
            this.bodiesZh = bodiesZh;
            this.bodiesEn = bodiesEn;
        }

        String subject(boolean english, Random rnd) {
            return String.format(pick(english ? subjectsEn : subjectsZh, rnd), orderNumber(rnd));
        }

        String body(boolean english, Random rnd) {
            return pick(english ? bodiesEn : bodiesZh, rnd);
        }

        boolean isReturnFlow() {
            return this == RETURN || this == EXCHANGE;
        }
    }

    static String orderNumber(Random rnd) {
        return Long.toString(2_411_110_000_000L + rnd.nextInt(1_000_000_000));
    }

    static String trackingNumber(Random rnd) {
        return "SF" + (1_000_000_000_000L + (long) (rnd.nextDouble() * 8_999_999_999_999L));
    }

    static <T> T pick(List<T> list, Random rnd) {
        return list.get(rnd.nextInt(list.size()));
    }

    // ---- what agents write ------------------------------------------------------------------------

    static String answer(Topic topic, boolean en, Random rnd) {
        String tracking = trackingNumber(rnd);
        return switch (topic) {
            case WHERE_IS_MY_PARCEL -> en ? "Your parcel is with SF Express (" + tracking + ") and should arrive within 2 days."
                    : "您的包裹已由顺丰承运（" + tracking + "），预计两天内送达。";
            case CHANGE_ADDRESS -> en ? "Done: the new address is on the order and the warehouse has it."
                    : "已为您修改收货地址，仓库会按新地址发货。";
            case RETURN, EXCHANGE -> en ? "The warehouse confirmed your parcel; the refund/exchange is on its way."
                    : "仓库已确认收到退件，退款/换货已为您处理。";
            case BROKEN_ITEM -> en ? "So sorry! We've refunded the broken item in full, no need to send it back."
                    : "非常抱歉！破损商品已全额退款，无需寄回。";
            case INVOICE -> en ? "Your invoice has been issued and sent to your e-mail."
                    : "发票已开具并发送到您的邮箱。";
            case PRE_SALE_QUESTION -> en ? "The balance payment opens at 20:00 on 11 Nov; the coupon applies automatically then."
                    : "尾款11月11日20:00开始支付，届时优惠券会自动抵扣。";
            case COMPLAINT -> en ? "We're sorry about this. Your order is now prioritised and a supervisor follows it."
                    : "非常抱歉给您带来不好的体验，已加急处理并由主管跟进。";
        };
    }

    static String askForDetails(Topic topic, boolean en) {
        return switch (topic) {
            case WHERE_IS_MY_PARCEL, CHANGE_ADDRESS, COMPLAINT -> en ? "Could you send us your order number and phone number on the order?"
                    : "麻烦提供一下订单号和下单手机号，我们马上为您查询。";
            case RETURN, EXCHANGE -> en ? "Please send it back to our warehouse (address in the app) and reply with the tracking number."
                    : "请将商品寄回仓库（地址见App），寄出后把快递单号回复给我们。";
            case BROKEN_ITEM -> en ? "Sorry to hear that! Could you send a photo of the item and the box?"
                    : "很抱歉！麻烦拍一下商品和外箱的照片发给我们。";
            case INVOICE -> en ? "Please send the company's full name and tax number."
                    : "请提供公司全称和税号。";
            case PRE_SALE_QUESTION -> en ? "Which item (link or SKU) are you asking about?"
                    : "请问是哪一款商品呢？发一下链接或货号。";
        };
    }

    static String waitingForWarehouse(boolean en) {
        return en ? "Thanks! We've asked the warehouse to check your returned parcel and will update you."
                : "收到！已通知仓库核对您的退件，有结果第一时间通知您。";
    }

    static String internalNote(Topic topic, Random rnd) {
        return pick(switch (topic) {
            case WHERE_IS_MY_PARCEL, CHANGE_ADDRESS -> List.of("查OMS：已出库，顺丰揽收。", "Checked OMS: picked, waiting for courier pickup.");
            case RETURN, EXCHANGE, BROKEN_ITEM -> List.of("ERP退款单已建，待仓库确认。", "Refund drafted in ERP, pending warehouse check.");
            case INVOICE -> List.of("已在ERP提交开票申请。", "Invoice request filed in ERP.");
            case PRE_SALE_QUESTION -> List.of("客户关注尾款时间，已告知。", "Asked about balance payment timing.");
            case COMPLAINT -> List.of("已升级主管，需今日回访。", "Escalated to supervisor, call back today.");
        }, rnd);
    }

    // ---- what customers write back ----------------------------------------------------------------

    static String details(Topic topic, boolean en, Random rnd) {
        return switch (topic) {
            case RETURN, EXCHANGE -> (en ? "Sent it back today, tracking " : "已寄回，单号") + trackingNumber(rnd);
            case BROKEN_ITEM -> en ? "Photos attached." : "照片发您了，请查收。";
            case INVOICE -> en ? "Example Trading Ltd., tax no. 91310000EXAMPLE01" : "示例贸易有限公司，税号91310000EXAMPLE01";
            default -> (en ? "Order number " : "订单号") + orderNumber(rnd);
        };
    }

    static String afterSolved(boolean en, Random rnd) {
        return pick(en ? List.of("Thanks a lot!", "It still hasn't arrived though.", "One more question about the same order...")
                : List.of("好的，谢谢！", "还是没收到啊。", "同一个订单还想再问一下……"), rnd);
    }

    static String nudge(boolean en, Random rnd) {
        return pick(en ? List.of("Any news?", "Hello? Still waiting on this.") : List.of("有进展了吗？", "在吗？还在等处理结果。"), rnd);
    }

    static String duplicateSubject(String subject, boolean en) {
        return (en ? "Re: " : "催单：") + subject;
    }

    static String duplicateBody(boolean en) {
        return en ? "Writing again because nobody has answered yet." : "在吗？怎么还没人回复？";
    }

    // ---- the warehouse ----------------------------------------------------------------------------

    static String warehouseNote(Random rnd) {
        return pick(List.of("退件已到仓，外观完好，已入库。", "Parcel received, item resellable, restocked.",
                "退件已到仓，包装轻微破损，商品完好。"), rnd);
    }
}
