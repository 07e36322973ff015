package dev.crmkit.core.message;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.phone.PhoneNumber;
import java.util.Objects;

/**
 * What a {@link MessageGateway} is asked to send.
 *
 * @param tenant whose customer it goes to
 * @param reference the library's id for this send, unique, kept with the recorded message: a
 *     gateway may use it to recognise a retried request or to match delivery reports
 * @param channel SMS or WhatsApp
 * @param to the customer's number
 * @param text the final text, placeholders already filled in
 */
public record OutgoingMessage(TenantId tenant, String reference, MessageChannel channel, PhoneNumber to, String text) {

    public OutgoingMessage {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    /** Leaves the number and the text out: they are personal data and this may end up in logs. */
    @Override
    public String toString() {
        return "OutgoingMessage[" + channel + " " + reference + " for " + tenant + "]";
    }
}
