package dev.crmkit.core.spi;

import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageTemplate;
import java.util.List;
import java.util.Optional;

/** Message templates and sent messages of one tenant. */
public interface MessageStore {

    void insertTemplate(MessageTemplate template);

    /** Replaces the template with the same key; returns false if there is none. */
    boolean updateTemplate(MessageTemplate template);

    /** Returns false if there is no such template. */
    boolean deleteTemplate(String key);

    Optional<MessageTemplate> findTemplate(String key);

    /** Every template, by key. */
    List<MessageTemplate> templates();

    /** Stores a sent message (its id is ignored); returns the id. */
    long append(Message message);

    /** The customer's messages, highest id first, at most {@code limit}. */
    List<Message> list(long customerId, int limit);

    /** Removes the customer's messages (the customer is being deleted); returns how many. */
    int deleteByCustomer(long customerId);
}
