package dev.crmkit.core.message;

import dev.crmkit.core.phone.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message sent to a customer, as recorded after the gateway accepted it.
 *
 * @param id assigned by the store
 * @param customerId to whom
 * @param channel SMS or WhatsApp
 * @param to the number it went to
 * @param templateKey the template it was made from, or {@code null} for free text
 * @param text exactly what was sent
 * @param sender the user who sent it
 * @param sentAt when the gateway accepted it
 * @param reference the library's id for the send, as the gateway was given it
 * @param providerId the gateway's id for it, or {@code null}
 */
public record Message(long id, long customerId, MessageChannel channel, PhoneNumber to, @Nullable String templateKey, String text,
                      String sender, Instant sentAt, String reference, @Nullable String providerId) {

    public Message {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(reference, "reference");
    }

    /** The same message with the id its store gave it. */
    public Message withId(long newId) {
        return new Message(newId, customerId, channel, to, templateKey, text, sender, sentAt, reference, providerId);
    }

    /** Leaves the text and the number out (personal data). */
    @Override
    public String toString() {
        return "Message[" + id + " " + channel + " to customer " + customerId + " by " + sender + " at " + sentAt + "]";
    }
}
