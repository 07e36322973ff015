package dev.crmkit.core.message;

/**
 * The host's way out to SMS and WhatsApp providers, given to {@link dev.crmkit.core.Crm.Builder#messageGateway}.
 *
 * <p>The library calls it outside any storage transaction, after every check has passed, and
 * records the message only once it returns. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MessageGateway {

    /**
     * Sends one message.
     *
     * @return the provider's id for the message, kept with it (may be {@code null})
     * @throws Exception if the provider did not accept the message: the library then records
     *     nothing and reports {@link dev.crmkit.core.ErrorCode#MESSAGE_NOT_SENT} with this as the cause
     */
    String send(OutgoingMessage message) throws Exception;
}
