package dev.crmkit.core.message;

/** How a message reaches a customer, with the longest text it may carry. */
public enum MessageChannel {
    /** At most ten concatenated SMS parts: 1,530 GSM characters; longer texts are refused. */
    SMS(1_530),
    /** WhatsApp's limit for a text message body. */
    WHATSAPP(4_096);

    private final int maxLength;

    MessageChannel(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The longest text, in characters, a message on this channel may have. */
    public int maxLength() {
        return maxLength;
    }
}
