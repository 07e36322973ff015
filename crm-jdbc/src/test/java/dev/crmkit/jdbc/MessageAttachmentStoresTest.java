package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.attachment.AttachmentDownload;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.message.NewMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDBC message and attachment stores through the services on both databases, until the
 * contract kit's suites for them arrive: what is stored comes back as it went, newest first,
 * per tenant, and a deleted customer takes its messages, attachments and their bytes along.
 */
class MessageAttachmentStoresTest {

    private static final Actor ADMIN = new Actor("boss", TenantId.of("acme"), true, Set.of("managers"));
    private static final Actor OTHER_ADMIN = Actor.admin(TenantId.of("globex"), "chief");

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("sqlite", (Supplier<DataSource>) TestDatabases::sqlite),
                Arguments.of("postgresql", (Supplier<DataSource>) TestDatabases::postgres));
    }

    private static Crm crm(DataSource ds, AtomicInteger sent) {
        TestDatabases.empty(ds);
        return Crm.builder(JdbcStorage.builder(ds).migrate(false).build())
                .messageGateway(m -> "provider-" + sent.incrementAndGet()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void templatesAreKeptReplacedAndRemovedPerTenant(String name, Supplier<DataSource> db) {
        Crm crm = crm(db.get(), new AtomicInteger());
        String body = "Sayın [MÜŞTERİ_ADI], ödeme günü.";
        MessageTemplate reminder = MessageTemplate.builder("odeme", "Ödeme hatırlatma", body)
                .channels(MessageChannel.WHATSAPP, MessageChannel.SMS).build();
        crm.messages().defineTemplate(ADMIN, reminder);
        crm.messages().defineTemplate(ADMIN, MessageTemplate.builder("a-first", "İlk", "Merhaba").build());

        assertThat(crm.messages().templates(ADMIN)).extracting(MessageTemplate::key)
                .containsExactly("a-first", "odeme");
        assertThat(crm.messages().templates(ADMIN).get(1)).isEqualTo(reminder);
        assertThatThrownBy(() -> crm.messages().defineTemplate(ADMIN, reminder)).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((CrmException) e).code()).isEqualTo(ErrorCode.MESSAGE_TEMPLATE_KEY_TAKEN));
        assertThat(crm.messages().templates(OTHER_ADMIN)).isEmpty();

        MessageTemplate inactive = reminder.toBuilder().active(false).build();
        crm.messages().redefineTemplate(ADMIN, inactive);
        assertThat(crm.messages().templates(ADMIN).get(1)).isEqualTo(inactive);
        assertThatThrownBy(() -> crm.messages().redefineTemplate(OTHER_ADMIN, inactive))
                .isInstanceOf(NotFoundException.class);

        crm.messages().deleteTemplate(ADMIN, "a-first");
        assertThat(crm.messages().templates(ADMIN)).containsExactly(inactive);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sentMessagesComeBackNewestFirstAsTheyWereSent(String name, Supplier<DataSource> db) {
        Crm crm = crm(db.get(), new AtomicInteger());
        Customer ayse = crm.customers().create(ADMIN, NewCustomer.builder("Ayşe Yılmaz", "+905321110001").build());
        crm.messages().defineTemplate(ADMIN,
                MessageTemplate.builder("selam", "Selam", "Merhaba [MÜŞTERİ_ADI]").build());

        Message first = crm.messages().send(ADMIN, ayse.id(), NewMessage.fromTemplate(MessageChannel.SMS, "selam"));
        Message second = crm.messages().send(ADMIN, ayse.id(),
                NewMessage.freeText(MessageChannel.WHATSAPP, "Şubeye bekleriz."));
        Message third = crm.messages().send(ADMIN, ayse.id(), NewMessage.freeText(MessageChannel.SMS, "Üçüncü"));

        List<Message> listed = crm.messages().list(ADMIN, ayse.id(), 10);
        assertThat(listed).containsExactly(third, second, first);
        assertThat(listed.get(2).templateKey()).isEqualTo("selam");
        assertThat(listed.get(2).text()).isEqualTo("Merhaba Ayşe Yılmaz");
        assertThat(listed.get(1).templateKey()).isNull();
        assertThat(listed.get(1).providerId()).isEqualTo("provider-2");
        assertThat(listed.get(0).sentAt()).isEqualTo(third.sentAt().truncatedTo(ChronoUnit.MICROS));
        assertThat(crm.messages().list(ADMIN, ayse.id(), 2)).containsExactly(third, second);
        assertThat(crm.customers().get(ADMIN, ayse.id()).totalContacts()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void attachmentsAreListedNewestFirstDownloadedAndDeletedWithTheirBytes(String name, Supplier<DataSource> db)
            throws IOException, SQLException {
        DataSource ds = db.get();
        Crm crm = crm(ds, new AtomicInteger());
        Customer ayse = crm.customers().create(ADMIN, NewCustomer.builder("Ayşe Yılmaz", "+905321110001").build());

        Attachment pdf = crm.attachments().upload(ADMIN, ayse.id(),
                NewAttachment.of("C:\\Belgeler\\dekont.pdf", "Application/PDF"),
                new ByteArrayInputStream("%PDF dekont".getBytes(StandardCharsets.US_ASCII)));
        Attachment photo = crm.attachments().upload(ADMIN, ayse.id(), NewAttachment.of("kimlik.jpg", "image/jpeg"),
                new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}));

        assertThat(crm.attachments().list(ADMIN, ayse.id())).containsExactly(photo, pdf);
        assertThat(pdf.fileName()).isEqualTo("dekont.pdf");
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        try (AttachmentDownload download = crm.attachments().download(ADMIN, pdf.id())) {
            assertThat(download.attachment()).isEqualTo(pdf);
            assertThat(new String(download.content().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF dekont");
        }
        assertThatThrownBy(() -> crm.attachments().download(OTHER_ADMIN, pdf.id()))
                .as("another tenant's attachment").isInstanceOf(NotFoundException.class);
        assertThat(count(ds, "crm_blob")).isEqualTo(2);

        crm.attachments().delete(ADMIN, pdf.id());
        assertThat(crm.attachments().list(ADMIN, ayse.id())).containsExactly(photo);
        assertThat(count(ds, "crm_blob")).as("the bytes went with it").isOne();
        assertThatThrownBy(() -> crm.attachments().download(ADMIN, pdf.id())).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeletedCustomerTakesItsMessagesAttachmentsAndTheirBytesAlong(String name, Supplier<DataSource> db)
            throws SQLException {
        DataSource ds = db.get();
        Crm crm = crm(ds, new AtomicInteger());
        Customer ayse = crm.customers().create(ADMIN, NewCustomer.builder("Ayşe Yılmaz", "+905321110001").build());
        Customer kept = crm.customers().create(ADMIN, NewCustomer.builder("Mehmet Kaya", "+905321110002").build());
        for (Customer c : List.of(ayse, kept)) {
            crm.messages().send(ADMIN, c.id(), NewMessage.freeText(MessageChannel.SMS, "Merhaba"));
            crm.attachments().upload(ADMIN, c.id(), NewAttachment.of("a.txt", "text/plain"),
                    new ByteArrayInputStream(new byte[] {1}));
            crm.attachments().upload(ADMIN, c.id(), NewAttachment.of("b.txt", "text/plain"),
                    new ByteArrayInputStream(new byte[] {2}));
        }

        crm.customers().delete(ADMIN, ayse.id());

        assertThat(count(ds, "crm_message")).isOne();
        assertThat(count(ds, "crm_attachment")).isEqualTo(2);
        assertThat(count(ds, "crm_blob")).isEqualTo(2);
        assertThat(count(ds, "crm_blob_part")).isEqualTo(2);
        assertThat(crm.messages().list(ADMIN, kept.id(), 10)).hasSize(1);
        assertThat(crm.attachments().list(ADMIN, kept.id())).hasSize(2);
    }

    private static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
