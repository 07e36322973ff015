package dev.crmkit.inmemory;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.spi.MessageStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A tenant's messages and message templates. */
final class InMemoryMessages extends SessionStore implements MessageStore {

    InMemoryMessages(InMemorySession session) {
        super(session);
    }

    @Override
    public void insertTemplate(MessageTemplate template) {
        checkWritable();
        if (data.messageTemplates.containsKey(template.key())) {
            throw new ConflictException(ErrorCode.MESSAGE_TEMPLATE_KEY_TAKEN,
                    "a message template " + template.key() + " exists");
        }
        data.messageTemplates.put(template.key(), template);
        undo.push(() -> data.messageTemplates.remove(template.key()));
    }

    @Override
    public boolean updateTemplate(MessageTemplate template) {
        checkWritable();
        MessageTemplate previous = data.messageTemplates.get(template.key());
        if (previous == null) {
            return false;
        }
        data.messageTemplates.put(template.key(), template);
        undo.push(() -> data.messageTemplates.put(previous.key(), previous));
        return true;
    }

    @Override
    public boolean deleteTemplate(String key) {
        checkWritable();
        MessageTemplate previous = data.messageTemplates.remove(key);
        if (previous == null) {
            return false;
        }
        undo.push(() -> data.messageTemplates.put(key, previous));
        return true;
    }

    @Override
    public Optional<MessageTemplate> findTemplate(String key) {
        checkOpen();
        return Optional.ofNullable(data.messageTemplates.get(key));
    }

    @Override
    public List<MessageTemplate> templates() {
        checkOpen();
        List<MessageTemplate> out = new ArrayList<>(data.messageTemplates.values());
        out.sort(Comparator.comparing(MessageTemplate::key));
        return out;
    }

    @Override
    public long append(Message message) {
        checkWritable();
        long id = ids.messages.incrementAndGet();
        data.messages.put(id, message.withId(id));
        undo.push(() -> data.messages.remove(id));
        return id;
    }

    @Override
    public List<Message> list(long customerId, int limit) {
        checkOpen();
        return newestOf(data.messages, m -> m.customerId() == customerId, limit);
    }

    @Override
    public int deleteByCustomer(long customerId) {
        checkWritable();
        List<Message> removed = removeIf(data.messages, m -> m.customerId() == customerId);
        undo.push(() -> removed.forEach(m -> data.messages.put(m.id(), m)));
        return removed.size();
    }
}
