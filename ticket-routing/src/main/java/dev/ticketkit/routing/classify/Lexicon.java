package dev.ticketkit.routing.classify;

import dev.ticketkit.routing.Category;
import dev.ticketkit.routing.classify.Cue.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The built-in Chinese and English keywords for e-commerce inquiries. */
final class Lexicon {
    private Lexicon() {}

    /** Words that may sit between an English negator and its keyword: "not asking for a refund". */
    static final Set<String> EN_FILLERS = Set.of("a", "an", "the", "any", "for", "to", "want", "wanting", "asking",
            "ask", "looking", "request", "requesting", "need", "needing", "seeking", "about", "this", "that", "it",
            "is", "really", "actually", "trying", "planning", "going", "my", "me", "do", "i", "of", "make", "making",
            "file", "filing", "apply", "applying", "yet", "just", "interested", "in", "be", "after",
            "expecting", "demanding", "necessarily", "wanna", "gonna");

    /** What a receipt cue ("not received ...") is really about when it is money or an answer. */
    static final List<String> RECEIPT_OBJECTS_EN = List.of("refund", "money", "payment", "credit", "reimbursement",
            "invoice", "receipt", "reply", "response", "answer", "email", "call", "compensation", "voucher", "coupon");
    static final List<String> RECEIPT_OBJECTS_ZH = List.of("退款", "钱", "款", "发票", "回复", "短信", "验证码", "赔偿", "优惠券", "券");

    static List<Cue> builtIn() {
        List<Cue> c = new ArrayList<>();
        cat(c, Category.LOGISTICS,
                "物流", "快递", "快件", "包裹", "运单", "单号", "发货", "到哪", "签收", "派送", "配送", "驿站", "揽收",
                "丢件", "寄到", "送到", "几天到", "什么时候到", "中转", "顺丰", "圆通", "中通", "申通", "韵达", "邮政", "催单",
                "派件", "送货", "运输", "!还没到", "!没到货", "!到货", "~没收到", "~收不到", "~未收到", "~还没收到", "物流信息", "不动了", "没更新",
                "tracking", "track", "parcel*", "package*", "shipment*", "ship*", "!deliver*", "加急", "expedite*",
                "几天能到", "多久能到", "多久到", "how long", "do you ship to", "合并发货",
                "courier*", "!arriv*", "where is my order", "where's my order", "where is my", "in transit",
                "dispatch*", "carrier", "ups", "fedex", "dhl", "usps", "out for delivery", "still waiting for my",
                "~not received", "~haven't received", "~have not received", "~never received", "~didn't receive",
                "~did not receive", "~not receive", "~hasn't arrived", "~has not arrived", "~haven't got",
                "~not got", "~not yet received", "~still not received", "~still haven't received", "~still have not received", "~yet to receive", "lost in the mail", "lost in transit", "~has not come", "~hasn't come", "waybill",
                "delievery@1", "delivary", "deliever*", "trakcing", "trackng", "shiped");
        cat(c, Category.REFUND,
                "退款", "退货", "退钱", "退回", "退掉", "退单", "申请退", "仅退款", "七天无理由", "7天无理由", "无理由退",
                "退运费", "不给退", "不退款", "返款", "把钱退", "退给我", "退了吧", "要退", "想退", "能退", "退一件", "可以退", "寄回", "退换",
                "refun*", "refnd*", "refud*", "reufnd*", "return*", "retrun*", "retun*", "money back", "send it back",
                "send back", "sending it back", "send them back", "reimburs*", "my money", "cancel my order",
                "cancel the order", "cancel order", "取消订单", "不想要了@0.6", "不要了@0.5", "chargeback@0.6");
        cat(c, Category.EXCHANGE,
                "换货", "换一个", "换一件", "换一双", "换个", "换成", "换尺码", "换码", "换颜色", "调换", "更换", "换新",
                "换大", "换小", "能换", "可以换", "想换", "要换", "换吗", "拍错", "picked the wrong", "ordered the wrong", "补发", "换一下", "退换@0.6",
                "exchang*", "exhang*", "excange*", "exchnage*", "swap*", "replacement*", "replace*", "different size",
                "bigger size", "smaller size", "another size", "another colour", "another color", "a different colour",
                "a different color", "send a new one", "new one", "size up", "size down", "resend", "re-send",
                "send another");
        cat(c, Category.QUALITY,
                "质量", "破损", "破了", "坏了", "坏的", "碎了", "裂了", "裂开", "划痕", "瑕疵", "次品", "假货", "假的",
                "不是正品", "发错", "错发", "少发", "漏发", "缺件", "开线", "掉色", "起球", "褪色", "异味", "用不了",
                "不能用", "打不开", "开不了机", "黑屏", "故障", "坏掉", "漏水", "过期", "变质", "色差", "压坏", "压扁",
                "摔坏", "没收到赠品", "赠品没收到", "少送", "漏送", "湿透", "泡坏", "missing",
                "arrived damaged", "arrived broken", "arrived cracked", "soaked", "ruined", "断了", "不亮", "没反应", "少了一", "少一个", "发的不对", "和图片不一样", "跟图片不一样", "与描述不符", "描述不符", "货不对板",
                "broken", "broke", "damag*", "defect*", "faulty", "crack*", "scratch*", "shatter*", "doesn't work",
                "does not work", "not working", "stopped working", "won't turn on", "won't switch on", "will not turn on",
                "dead on arrival", "fake", "counterfeit", "wrong item", "wrong colour", "wrong color", "wrong size sent",
                "missing part*", "missing piece*", "missing item*", "missing from", "leak*", "stain*", "torn", "ripped",
                "poor quality", "bad quality", "low quality", "quality", "expired", "moldy", "mouldy", "rotten",
                "smells", "not as described", "different from the picture", "dented", "dent", "peeling", "fell apart",
                "falling apart", "brokn", "damged", "defective", "malfunction*", "wrong product", "sent me the wrong",
                "received the wrong", "got the wrong");
        cat(c, Category.PAYMENT,
                "付款", "支付", "扣款", "扣了", "扣费", "重复扣", "多扣", "付不了", "支付失败", "付款失败", "花呗", "信用卡",
                "银行卡", "支付宝", "微信支付", "分期", "扣两次", "货到付款", "cash on delivery", "扣了两次", "付了两次", "交易失败", "付钱",
                "payment*", "pay@0.5", "paid@0.5", "charged twice", "double charged", "charged me twice", "charged me",
                "charged@0.6", "overcharged", "credit card", "debit card", "paypal", "apple pay", "alipay", "wechat pay",
                "declin*", "checkout", "billing", "billed", "installment*", "transaction*",
                "payed", "paymnet*", "pyament*", "gift card");
        cat(c, Category.INVOICE,
                "发票", "开票", "专票", "普票", "增值税", "税号", "抬头", "收据", "报销",
                "invoice*", "invoce*", "invioce*", "invoic*", "receipt*", "vat", "tax id", "tax number", "fapiao",
                "tax invoice", "expense report", "reciept*");
        cat(c, Category.ADDRESS_CHANGE,
                "改地址", "修改地址", "地址改", "地址填错", "地址写错", "换地址", "更改地址", "改收货", "改一下地址",
                "地址错了", "新地址", "旧地址", "改电话", "改收件人", "搬家", "地址有误", "收件人", "收货人", "recipient", "改个地址", "改个收货", "改寄", "改成寄到", "地址不对", "门牌号", "修改收货",
                "收货地址@0.6", "地址@0.5",
                "change my address", "change the address", "change address", "change the delivery address",
                "change the shipping address", "change shipping address", "change my shipping address",
                "change my delivery address", "update my address", "update the address", "update the shipping address",
                "update my shipping address", "wrong address", "new address", "old address", "address change",
                "address*@0.5", "adress*@0.5", "addres@0.5", "i moved", "we moved", "moved house", "have moved",
                "wrong zip", "wrong postcode", "wrong post code", "apartment number", "house number",
                "change the recipient", "different address", "correct the address", "correct address",
                "send it to my", "deliver it to");
        cat(c, Category.PRE_SALE,
                "有货", "有没有货", "现货", "还有货", "缺货", "补货", "什么时候有", "尺码@0.6", "尺寸@0.6", "码数", "选哪个码",
                "哪个码", "优惠", "优惠券", "满减", "折扣", "打折", "活动价", "价格", "多少钱", "便宜", "预售", "定金", "尾款",
                "保价", "包邮", "赠品", "会员价", "推荐", "适合", "区别", "是正品吗", "正品吗", "材质", "面料", "参数", "型号",
                "能发", "拍下", "下单前", "想买", "准备买", "能用吗", "货到付款", "cash on delivery", "防水", "waterproof", "can i pay", "有没有", "穿多大", "什么码", "还能买", "库存",
                "in stock", "out of stock", "back in stock", "restock*", "available", "availability", "which size",
                "what size", "size chart", "sizing", "size guide", "size@0.5", "coupon*", "discount*", "promo code",
                "promo", "price*", "pricing", "price match", "pre-order*", "preorder*", "presale", "pre-sale", "deposit",
                "do you ship to", "before i buy", "before buying", "thinking of buying", "planning to buy",
                "want to buy", "going to buy", "recommend*", "difference between", "compatible", "warranty",
                "made of", "material", "specs", "specification*", "does it come with", "gift wrap", "is it genuine",
                "authentic", "voucher*", "sale price", "bundle", "do you have", "do you sell", "will you have",
                "when will it be");
        cat(c, Category.COMPLAINT,
                "投诉", "差评", "举报", "12315", "消协", "消费者协会", "工商", "市场监管", "态度差", "态度恶劣",
                "服务态度", "客服态度", "不负责", "没人理", "没人回", "不回复", "敷衍", "踢皮球", "曝光", "维权",
                "客服太", "找你们领导", "找领导",
                "complain*", "complaint*", "report you", "consumer protection", "better business bureau", "bbb",
                "terrible service", "worst service", "poor service", "bad service", "customer service is",
                "no one replied", "nobody replied", "no one answered", "nobody answered", "no response", "rude", "unprofessional", "lawyer", "legal action", "trading standards", "1 star",
                "one star", "negative review", "bad review", "leave a review@0.6", "supervisor", "manager",
                "escalate", "worst experience", "never ordering", "no one answers", "nobody answers", "no one helps", "nobody helps",
                "nobody has helped", "no one has helped", "what kind of service", "什么服务", "什么态度", "一直不处理", "没人处理", "ignore*", "this is the third time", "third time", "complian*", "complan*");
        cues(c, Kind.URGENT, "急", "加急", "急用", "着急", "很急", "紧急", "尽快", "马上", "立刻", "立即", "赶紧", "快点",
                "十万火急", "今天必须", "明天要用", "等着用", "在线等", "火速", "赶时间", "来不及", "速回", "急急", "12315", "消协", "再不处理", "再不给", "consumer protection", "legal action", "lawyer", "expedite*",
                "urgent*", "asap", "as soon as possible", "immediately", "right now", "right away", "emergency",
                "today@0.5", "hurry", "need it by", "need it before", "by tomorrow", "quickly", "time-sensitive",
                "time sensitive", "straight away", "at once", "deadline", "urgnet", "urgant", "immediatly",
                "tomorrow@0.5", "now!");
        cues(c, Kind.NOT_URGENT, "不急", "不着急", "不用急", "慢慢来", "有空", "不赶时间", "not urgent", "no rush",
                "no hurry", "whenever you can", "when you get a chance", "in no hurry", "take your time", "when you can");
        cues(c, Kind.NEGATIVE, "垃圾", "骗子", "失望", "生气", "气死", "愤怒", "恶心", "差劲", "太差", "很差", "无语",
                "服了", "坑人", "黑店", "离谱", "过分", "什么破", "破玩意", "烂", "糟糕", "无法接受", "不能接受", "忍无可忍",
                "投诉@0.5", "差评", "不满意", "不开心", "郁闷", "崩溃", "受够了", "再也不买", "拉黑", "欺骗", "太慢了", "耽误",
                "浪费", "骗人", "坑", "搞什么", "气人", "火大", "心累", "太坑", "什么玩意", "有病", "烦死", "12315", "什么服务", "什么态度", "不处理", "凭什么", "居然@0.5", "竟然@0.5", "被拒@0.5",
                "拒绝@0.5", "consumer protection", "rejected@0.5", "refused@0.5", "denied@0.5", "seriously@0.5",
                "terrible", "horrible", "awful", "worst", "disgust*", "disappoint*", "angry", "furious", "upset",
                "frustrat*", "ridiculous", "unacceptable", "scam*", "rip off", "ripoff", "rip-off", "useless", "pathetic",
                "not happy", "unhappy", "not satisfied", "dissatisfied", "fed up", "sick of", "never again",
                "never buy", "never order", "waste of", "garbage", "rubbish", "a joke", "shame", "shameful",
                "incompetent", "annoyed", "annoying", "bad@0.5", "poor@0.5", "!!!@0.5", "wtf", "damn", "hell",
                "complain*@0.5", "lawyer@0.5", "1 star", "one star", "liar*", "lying", "cheat*", "joke",
                "outrage*", "appalling", "disgrace*", "ruined", "livid", "sucks");
        cues(c, Kind.NEGATOR, "不是要", "不是", "不要", "不用", "不需要", "不想", "无需", "并非", "不打算", "没打算",
                "不申请", "不必", "没有要", "别", "并不是", "没想", "不用再", "无须",
                "not", "don't", "dont", "do not", "no need", "without", "isn't", "isnt", "is not", "wasn't",
                "rather than", "instead of", "no longer", "never wanted", "nor", "forget the", "forget about");
        cues(c, Kind.NEUTRAL, "是不是", "要不要", "能不能", "会不会", "可不可以", "是否", "不是很", "别的", "不要紧",
                "not only", "not sure", "whether or not", "if not", "or not", "not yet",
                "没发货的话", "还没发货的话", "发货前", "发货之前", "before it ships", "before it's shipped", "before it is shipped",
                "before shipping", "before dispatch", "before it is dispatched");
        return c;
    }

    private static void cat(List<Cue> out, Category category, String... terms) {
        for (String t : terms) {
            out.add(Cue.parse(Kind.CATEGORY, category, t));
        }
    }

    private static void cues(List<Cue> out, Kind kind, String... terms) {
        for (String t : terms) {
            out.add(Cue.parse(kind, null, t));
        }
    }
}
