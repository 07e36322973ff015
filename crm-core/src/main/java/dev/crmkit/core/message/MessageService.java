package dev.crmkit.core.message;

import dev.crmkit.core.Actor;
import java.util.List;

/**
 * SMS and WhatsApp messages to customers. Reading messages and templates needs VIEW; sending
 * CONTRIBUTE, and free text also the capability
 * {@link dev.crmkit.core.permission.Capability#FREE_TEXT_MESSAGES} through a group (admins
 * always); defining templates MANAGE.
 */
public interface MessageService {

    /**
     * Adds a template.
     *
     * @throws dev.crmkit.core.ConflictException {@code MESSAGE_TEMPLATE_KEY_TAKEN}
     */
    MessageTemplate defineTemplate(Actor actor, MessageTemplate template);

    /**
     * Replaces the template with the same key; messages already sent keep their text.
     *
     * @throws dev.crmkit.core.NotFoundException {@code MESSAGE_TEMPLATE_NOT_FOUND}
     */
    MessageTemplate redefineTemplate(Actor actor, MessageTemplate template);

    /** Removes a template; messages sent from it keep its key. */
    void deleteTemplate(Actor actor, String key);

    /** The tenant's templates by key, inactive ones included. */
    List<MessageTemplate> templates(Actor actor);

    /**
     * The template's text filled in for the customer as the actor would send it (fields the actor
     * may not see fill in as nothing).
     */
    String preview(Actor actor, long customerId, String templateKey);

    /**
     * Sends a message to one of the customer's numbers through the host's gateway and, once the
     * gateway accepted it, records it in one unit of work: the message, an SMS or WHATSAPP activity,
     * the customer's totalContacts and lastContactAt, and the number's contact counters.
     *
     * <p>Every check runs before the gateway is called; if one fails, nothing is sent. If the gateway
     * fails, nothing is recorded (the failure is logged without the number or the text) and a
     * {@link MessageNotSentException} reports it.
     *
     * @throws dev.crmkit.core.NotFoundException {@code CUSTOMER_NOT_FOUND}, {@code PHONE_NOT_FOUND},
     *     {@code MESSAGE_TEMPLATE_NOT_FOUND}
     * @throws dev.crmkit.core.CrmValidationException {@code PHONE_NOT_REACHABLE} for a number marked
     *     INVALID, {@code MESSAGE_TEMPLATE_INACTIVE} for an inactive template or one not written for
     *     the channel, {@code VALUE_TOO_LONG} if the filled-in text is too long for the channel
     * @throws dev.crmkit.core.PermissionDeniedException {@code PERMISSION_DENIED}, free text included
     * @throws MessageNotSentException {@code MESSAGE_NOT_SENT}
     */
    Message send(Actor actor, long customerId, NewMessage message);

    /**
     * Hands a WhatsApp message to the agent's browser, for a host with no WhatsApp Business API
     * (no gateway): after the same checks as {@link #send} (template, free-text capability, the
     * fields the actor may see, the number), it records the message and a WHATSAPP activity saying
     * it was handed to the browser, counts the contact as {@code send} does, and returns the
     * click-to-chat link that opens WhatsApp with the number and the text filled in.
     *
     * @throws dev.crmkit.core.CrmValidationException {@code VALUE_INVALID} for any channel but
     *     WhatsApp, and as {@link #send}
     */
    BrowserHandOff handToBrowser(Actor actor, long customerId, NewMessage message);

    /** The customer's messages, the last sent first. */
    List<Message> list(Actor actor, long customerId, int limit);
}
