package dev.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageNotSentException;
import dev.crmkit.core.message.NewMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the services log when something outside them fails: enough for an operator to act on (the
 * tenant, the customer id, the message reference, the failure's type), and no personal data (the
 * customer's name, number or the text) at WARN or above.
 */
class ServiceLoggingTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final String PHONE = "+905321110001";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Actor admin = new Actor("boss", ACME, true, Set.of("managers"));

    @BeforeEach
    void capture() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
    }

    private List<ILoggingEvent> warnings() {
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    @Test
    void aGatewayFailureIsLoggedWithItsReferenceAndWithoutTheNumberOrTheText() {
        Crm crm = Crm.builder(InMemoryStorage.create()).messageGateway(m -> {
            throw new IllegalStateException("number " + m.to().e164() + " refused: " + m.text());
        }).build();
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", PHONE).build());

        MessageNotSentException e = catchNotSent(() -> crm.messages().send(admin, c.id(),
                NewMessage.freeText(MessageChannel.SMS, "Gizli borç bilgisi")));

        assertThat(e.getMessage()).contains("refused");
        assertThat(warnings()).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(e.reference()).contains("acme")
                    .contains(Long.toString(c.id())).contains("IllegalStateException")
                    .doesNotContain(PHONE).doesNotContain("5321110001").doesNotContain("Gizli")
                    .doesNotContain("Ayşe");
            assertThat(event.getThrowableProxy()).as("the exception (which quotes the number) at WARN").isNull();
        });
    }

    @Test
    void bytesLeftBehindByAFailedBlobDeletionAreLoggedAsAWarning() {
        InMemoryBlobStore inner = new InMemoryBlobStore();
        BlobStore failingDeletes = new BlobStore() {
            @Override
            public long put(TenantId tenant, String key, InputStream content) throws IOException {
                return inner.put(tenant, key, content);
            }

            @Override
            public Optional<InputStream> open(TenantId tenant, String key) {
                return inner.open(tenant, key);
            }

            @Override
            public boolean delete(TenantId tenant, String key) throws IOException {
                throw new IOException("disk unavailable");
            }
        };
        Crm crm = Crm.builder(InMemoryStorage.create()).blobStore(failingDeletes).build();
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", PHONE).build());
        long id = crm.attachments().upload(admin, c.id(), NewAttachment.of("dekont.pdf", "application/pdf"),
                new ByteArrayInputStream(new byte[] {1, 2, 3})).id();

        crm.attachments().delete(admin, id);

        assertThat(crm.attachments().list(admin, c.id())).isEmpty();
        assertThat(warnings()).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).contains("left behind").contains("acme")
                        .contains("disk unavailable"));
    }

    private static MessageNotSentException catchNotSent(Runnable call) {
        try {
            call.run();
        } catch (MessageNotSentException e) {
            return e;
        }
        throw new AssertionError("expected MESSAGE_NOT_SENT");
    }
}
