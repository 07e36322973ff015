package dev.crmkit.jdbc.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.MessageStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A tenant's message templates and sent messages. */
final class JdbcMessages implements MessageStore {

    private static final String TEMPLATE_COLUMNS = "template_key, name, body, channels, active";
    private static final String MESSAGE_COLUMNS =
            "id, customer_id, channel, phone, template_key, body, sender, sent_at, reference, provider_id";

    private final JdbcSession s;

    JdbcMessages(JdbcSession s) {
        this.s = s;
    }

    // ---- templates

    @Override
    public void insertTemplate(MessageTemplate template) {
        s.checkWritable();
        s.sql("storing a message template", c -> {
            if (findTemplate(template.key()).isPresent()) {
                // Checked first: on PostgreSQL a failed statement would end the whole unit of work.
                throw new ConflictException(ErrorCode.MESSAGE_TEMPLATE_KEY_TAKEN,
                        "a message template " + template.key() + " exists");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crm_message_template (" + TEMPLATE_COLUMNS + ", tenant) VALUES (?, ?, ?, ?, ?, ?)")) {
                bind(ps, template);
                ps.setString(6, s.tenantValue());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean updateTemplate(MessageTemplate template) {
        s.checkWritable();
        return s.update("updating a message template", "UPDATE crm_message_template SET template_key = ?, name = ?,"
                + " body = ?, channels = ?, active = ? WHERE tenant = ? AND template_key = ?", ps -> {
                    bind(ps, template);
                    ps.setString(6, s.tenantValue());
                    ps.setString(7, template.key());
                }) == 1;
    }

    @Override
    public boolean deleteTemplate(String key) {
        s.checkWritable();
        return s.update("removing a message template",
                "DELETE FROM crm_message_template WHERE tenant = ? AND template_key = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, key);
                }) == 1;
    }

    @Override
    public Optional<MessageTemplate> findTemplate(String key) {
        s.checkOpen();
        return s.first("reading a message template", "SELECT " + TEMPLATE_COLUMNS + " FROM crm_message_template"
                + " WHERE tenant = ? AND template_key = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, key);
                }, JdbcMessages::readTemplate);
    }

    @Override
    public List<MessageTemplate> templates() {
        s.checkOpen();
        List<MessageTemplate> out = new ArrayList<>(s.list("listing message templates",
                "SELECT " + TEMPLATE_COLUMNS + " FROM crm_message_template WHERE tenant = ?",
                ps -> ps.setString(1, s.tenantValue()), JdbcMessages::readTemplate));
        // By code point, whatever the database's collation.
        out.sort(Comparator.comparing(MessageTemplate::key));
        return out;
    }

    private static void bind(PreparedStatement ps, MessageTemplate template) throws SQLException {
        ps.setString(1, template.key());
        ps.setString(2, template.name());
        ps.setString(3, template.body());
        // In the enum's order, so the same set is always the same text.
        ps.setString(4, EnumSet.copyOf(template.channels()).stream().map(Enum::name).collect(Collectors.joining(",")));
        ps.setBoolean(5, template.active());
    }

    private static MessageTemplate readTemplate(ResultSet rs) throws SQLException {
        Set<MessageChannel> channels = EnumSet.noneOf(MessageChannel.class);
        for (String channel : rs.getString(4).split(",")) {
            channels.add(MessageChannel.valueOf(channel));
        }
        return new MessageTemplate(rs.getString(1), rs.getString(2), rs.getString(3), channels, rs.getBoolean(5));
    }

    // ---- messages

    @Override
    public long append(Message m) {
        s.checkWritable();
        return s.sql("storing a message", c -> {
            long id = s.dialect().nextIds(c, "crm_message_seq", 1)[0];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_message (" + MESSAGE_COLUMNS
                    + ", tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setLong(2, m.customerId());
                ps.setString(3, m.channel().name());
                ps.setString(4, m.to().e164());
                Columns.setString(ps, 5, m.templateKey());
                ps.setString(6, m.text());
                ps.setString(7, m.sender());
                cols().setInstant(ps, 8, m.sentAt());
                ps.setString(9, m.reference());
                Columns.setString(ps, 10, m.providerId());
                ps.setString(11, s.tenantValue());
                ps.executeUpdate();
            }
            return id;
        });
    }

    private Message readMessage(ResultSet rs) throws SQLException {
        return new Message(rs.getLong(1), rs.getLong(2), MessageChannel.valueOf(rs.getString(3)),
                PhoneNumber.of(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                cols().instant(rs, 8), rs.getString(9), rs.getString(10));
    }

    @Override
    public List<Message> list(long customerId, int limit) {
        s.checkOpen();
        return s.list("listing a customer's messages", "SELECT " + MESSAGE_COLUMNS + " FROM crm_message"
                + " WHERE tenant = ? AND customer_id = ? ORDER BY id DESC LIMIT ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                    ps.setInt(3, limit);
                }, this::readMessage);
    }

    @Override
    public int deleteByCustomer(long customerId) {
        s.checkWritable();
        return s.update("removing a customer's messages",
                "DELETE FROM crm_message WHERE tenant = ? AND customer_id = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                });
    }

    private Columns cols() {
        return s.columns();
    }
}
