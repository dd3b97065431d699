/**
 * Parsing raw MIME email into a normalised {@link dev.ticketkit.connectors.email.ParsedEmail}.
 *
 * <pre>{@code
 * EmailParser parser = EmailParser.create();              // thread-safe, share it
 * ParsedEmail email = parser.parse(inputStream);           // or parse(byte[])
 * String newText = email.replyText();                      // without quoted history
 * if (email.autoReply()) { ... }                           // don't reopen tickets on OOF/bounces
 * }</pre>
 *
 * <h2>Limits</h2>
 * Set on {@link dev.ticketkit.connectors.email.EmailParser#builder()}; defaults are the
 * {@code EmailParser.DEFAULT_*} constants. The raw message is read through a bounded buffer
 * (rejected past {@code maxMessageBytes}); the top-level header section is scanned byte by byte
 * before Jakarta Mail sees it (rejected past {@code maxHeaderBytes} / {@code maxHeaderCount});
 * the delimiters of each multipart are counted before it is expanded (skipped with a warning past
 * {@code maxParts}); multiparts deeper than {@code maxMimeDepth} are skipped with a warning; part
 * header sections over the header limits make the part skipped; attachment content larger than
 * {@code maxAttachmentBytes} is not kept ({@link dev.ticketkit.connectors.email.ParsedAttachment#contentKept()});
 * text and HTML bodies are cut at {@code maxTextChars}; HTML nested deeper than 1,000 elements is
 * not parsed into a tree (its text is kept, its HTML dropped) because tree building would be
 * quadratic. Memory per parse is bounded by a small multiple of {@code maxMessageBytes}.
 *
 * <h2>Charsets</h2>
 * {@code gb2312}, {@code gb_2312-80}, {@code x-gbk}, {@code cp936}, {@code gbk} decode as GB18030;
 * {@code big5} as Big5-HKSCS; {@code iso-8859-1}/{@code us-ascii} as windows-1252. Bytes labelled
 * UTF-8 that are not UTF-8 are tried as GB18030. Unknown labels fall back to strict UTF-8, strict
 * GB18030, then ISO-8859-1, with a warning. RFC 2047 encoded words are decoded in every header,
 * display name and file name (adjacent words joined as bytes first); RFC 2231 parameters
 * (including continuations) are decoded; raw 8-bit header bytes are read as UTF-8 or GB18030.
 *
 * <h2>Body and attachments</h2>
 * {@code text/plain} and {@code text/html} parts without a file name and not marked
 * {@code attachment} are body text (several are joined); every other leaf part is an attachment.
 * {@code message/rfc822} parts are attachments named from their subject ({@code <subject>.eml})
 * and their text is not merged. {@code text()} is the plain body, else the HTML converted to text
 * (line breaks for {@code br}, {@code p}, {@code div}, {@code li} and other blocks).
 *
 * <h2>Reply text</h2>
 * {@link dev.ticketkit.connectors.email.ParsedEmail#replyText()} is the text without quoted history and
 * recognised signatures, and never drops the customer's own words: when unsure, it keeps the quote. When the
 * text comes from HTML, Outlook's history ({@code div#appendonsend}, {@code div#divRplyFwdMsg},
 * {@code #mail-editor-reference-message-container} and all that follows) and signatures
 * ({@code div.gmail_signature}, {@code div#Signature}, {@code .moz-signature}) are removed, and the lines inside
 * quote containers are marked as quoted: {@code blockquote[type=cite]} (Apple Mail, iOS Mail, Thunderbird),
 * {@code blockquote.gmail_quote}, {@code blockquote#isReplyContent} (163/126), {@code blockquote#ntes-…-quote}
 * (NetEase Mail Master), {@code .…yahoo_quoted} (Yahoo); a plain {@code blockquote}, which editors use for
 * indenting, is not one. Then, on the text ({@code QuoteStripper} has the precise rules):
 * <ul>
 *   <li>a quote header (a separator such as {@code -----Original Message-----}, {@code -----原始邮件-----},
 *       {@code ------------------ 原始邮件 ------------------}, {@code ---- 回复的原邮件 ----}; an attribution such as
 *       {@code On … wrote:} or {@code … 写道：} holding a date or an address; an Outlook header block of
 *       {@code From:/发件人:}, {@code Sent:/Date:/发送时间:/日期:}, {@code To:/收件人:}, {@code Subject:/主题:} in any
 *       order) followed by {@code >} lines is dropped with them, and reading goes on after the quote: text below
 *       it (bottom posting) or between its parts (interleaved answers) is kept;</li>
 *   <li>a quote header followed by unmarked text (Outlook, QQ, Yahoo) ends the reply, unless the text above it
 *       points below ("answers below in red", "见下方") — then everything is kept;</li>
 *   <li>other {@code >} lines are dropped (but a single short citation the customer introduces with a colon and
 *       writes on after is kept), as are the signature after {@code "-- "} up to the next quote (at most ten lines)
 *       and client signatures ({@code Sent from my iPhone}, {@code Get Outlook for iOS}, {@code 发自我的iPhone},
 *       {@code 来自我的华为手机}, …).</li>
 * </ul>
 * Measured on a corpus of replies as the common clients lay them out, in English and Chinese (see the module
 * README): no customer word lost in any of its samples.
 *
 * <h2>Automatic messages</h2>
 * {@link dev.ticketkit.connectors.email.ParsedEmail#autoReply()} is {@code true} when any proof
 * holds: {@code Auto-Submitted} present and not {@code no}; {@code X-Autoreply},
 * {@code X-Autorespond} or {@code X-Autoresponder} present (not {@code no}/{@code false}/{@code 0});
 * {@code Precedence} {@code auto_reply}, {@code bulk} or {@code junk}; {@code Content-Type:
 * multipart/report} with {@code report-type} {@code delivery-status} or
 * {@code disposition-notification} (read receipts); From local part {@code MAILER-DAEMON} or
 * {@code postmaster}; a subject starting (after an optional bracket) with {@code Auto:},
 * {@code Auto-Reply}, {@code Autoreply}, {@code Automatic reply}, {@code Out of Office},
 * {@code 自动回复}, {@code Undeliverable:}, {@code Undelivered Mail}, {@code Delivery Status
 * Notification}, {@code Mail delivery failed}, {@code Returned mail:}, {@code Delivery Failure},
 * {@code failure notice}, {@code 系统退信} or {@code 退信}. {@code X-Auto-Response-Suppress}
 * (containing OOF or All) and {@code X-MS-Exchange-Generated-Message-Source} are only hints, since
 * Outlook sets them on ordinary mail too: they count only when the subject also contains words
 * such as {@code out of office}, {@code automatic reply}, {@code vacation}, {@code 自动回复}.
 *
 * <h2>Errors</h2>
 * {@link dev.ticketkit.connectors.email.EmailParseException} (unchecked) for rejected messages;
 * everything else is best-effort with notes in
 * {@link dev.ticketkit.connectors.email.ParsedEmail#warnings()}. Neither exception messages nor
 * warnings nor logs contain addresses, subjects or content.
 */
package dev.ticketkit.connectors.email;
