package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.attachment.AttachmentDownload;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.work.NewWorkItem;
import dev.crmkit.core.work.WorkItemKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.activity.FieldChange;

/**
 * Attachments as users observe them through {@link dev.crmkit.core.attachment.AttachmentService},
 * with the adapter's own blob store behind: bytes back as uploaded, name, type, size and checksum
 * recorded, uploads and deletions logged, the size limit, and no bytes left behind by a failed
 * upload, a deletion or the deletion of the customer.
 */
@DisplayName("Attachments")
public abstract class AttachmentContract extends ContractSupport {

    protected Customer customer;
    protected Actor ayse;

    @BeforeEach
    void aCustomer() {
        customer = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "+905321110001").build());
        crm.permissions().grantGroup(admin, "agents", PermissionLevel.CONTRIBUTE);
        ayse = Actor.user(ACME, "ayse", "agents");
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private String downloaded(Actor actor, long id) {
        try (AttachmentDownload d = crm.attachments().download(actor, id)) {
            return new String(d.content().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.util.Set<String> stored() {
        try {
            return blobs.stored(ACME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Activity> timeline() {
        return crm.activities().timeline(admin, customer.id(), ActivityQuery.newest(50)).items();
    }

    @Nested
    @DisplayName("upload and download")
    class UploadAndDownload {

        @Test
        void theBytesComeBackAsUploadedWithNameTypeSizeAndChecksumRecorded() {
            tick();
            Attachment a = crm.attachments().upload(ayse, customer.id(),
                    NewAttachment.of("C:\\Users\\ayse\\Ödeme Dekontu.pdf", "Application/PDF"), bytes("%PDF-1.4 dekont"));

            assertThat(a.id()).isPositive();
            assertThat(a.customerId()).isEqualTo(customer.id());
            assertThat(a.fileName()).isEqualTo("Ödeme Dekontu.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
            assertThat(a.size()).isEqualTo(15);
            // sha256("%PDF-1.4 dekont")
            assertThat(a.sha256()).isEqualTo(sha256Of("%PDF-1.4 dekont"));
            assertThat(a.uploadedBy()).isEqualTo("ayse");
            assertThat(a.uploadedAt()).isEqualTo(START.plusSeconds(1));
            assertThat(crm.attachments().list(ayse, customer.id())).containsExactly(a);
            assertThat(downloaded(ayse, a.id())).isEqualTo("%PDF-1.4 dekont");
            try (AttachmentDownload d = crm.attachments().download(ayse, a.id())) {
                assertThat(d.attachment()).isEqualTo(a);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Test
        void aLargeFileRoundTripsByteForByte() throws IOException {
            long size = 5L * 1024 * 1024 + 3;
            Attachment a = crm.attachments().upload(admin, customer.id(), NewAttachment.of("kayit.wav", "audio/wav"),
                    BlobStoreContract.generated(size, 11));

            assertThat(a.size()).isEqualTo(size);
            String expected = BlobStoreContract.sha256(BlobStoreContract.generated(size, 11));
            assertThat(a.sha256()).isEqualTo(expected);
            try (AttachmentDownload d = crm.attachments().download(admin, a.id())) {
                assertThat(BlobStoreContract.sha256(d.content())).isEqualTo(expected);
            }
        }

        @Test
        void anUploadIsLoggedOnTheCustomersTimeline() {
            Attachment a = crm.attachments().upload(ayse, customer.id(), NewAttachment.of("not.txt", null), bytes("merhaba"));

            Activity logged = timeline().get(0);
            assertThat(logged.type()).isEqualTo(ActivityType.LOG);
            assertThat(logged.actorId()).isEqualTo("ayse");
            assertThat(logged.text()).contains("not.txt");
            assertThat(logged.data()).containsAllEntriesOf(Map.of("event", "fileUploaded",
                    "attachmentId", Long.toString(a.id()), "fileName", "not.txt",
                    "contentType", NewAttachment.UNKNOWN_TYPE, "size", "7"));
        }

        @Test
        void attachmentsAreListedLastUploadedFirstPerCustomer() {
            Customer other = crm.customers().create(admin, NewCustomer.builder("Mehmet Kaya", "+905321110002").build());
            Attachment first = crm.attachments().upload(admin, customer.id(), NewAttachment.of("1.txt", "text/plain"), bytes("1"));
            Attachment elsewhere = crm.attachments().upload(admin, other.id(), NewAttachment.of("x.txt", "text/plain"), bytes("x"));
            Attachment second = crm.attachments().upload(admin, customer.id(), NewAttachment.of("2.txt", "text/plain"), bytes("2"));

            assertThat(crm.attachments().list(admin, customer.id())).containsExactly(second, first);
            assertThat(crm.attachments().list(admin, other.id())).containsExactly(elsewhere);
        }
    }

    @Nested
    @DisplayName("refused uploads")
    class RefusedUploads {

        @Test
        void aFileOverTheLimitIsRefusedWithItsCodeAndNothingIsKept() {
            Crm limited = Crm.builder(storage).userDirectory(users).clock(clock).blobStore(blobs)
                    .attachmentSizeLimit(1000).build();
            TenantState before = TenantState.of(crm, admin);

            assertThatThrownBy(() -> limited.attachments().upload(admin, customer.id(),
                    NewAttachment.of("buyuk.bin", null), BlobStoreContract.generated(1001, 5)))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ATTACHMENT_TOO_LARGE);
                        assertThat(e).hasMessageContaining("1000 bytes");
                    });
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
            assertThat(stored()).isEmpty();

            Attachment exact = limited.attachments().upload(admin, customer.id(), NewAttachment.of("tam.bin", null),
                    BlobStoreContract.generated(1000, 5));
            assertThat(exact.size()).isEqualTo(1000);
        }

        @Test
        void theDefaultLimitIsFiftyMegabytes() {
            long limit = 50L * 1024 * 1024;
            assertThatThrownBy(() -> crm.attachments().upload(admin, customer.id(), NewAttachment.of("cok-buyuk.bin", null),
                    BlobStoreContract.generated(limit + 1, 9)))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ATTACHMENT_TOO_LARGE));
            assertThat(stored()).isEmpty();
            assertThat(crm.attachments().list(admin, customer.id())).isEmpty();
        }

        @Test
        void anEmptyFileOrAContentThatFailsIsRefusedAndNothingIsKept() {
            assertThatThrownBy(() -> crm.attachments().upload(admin, customer.id(), NewAttachment.of("bos.txt", null),
                    InputStream.nullInputStream()))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_EMPTY));
            InputStream broken = new java.io.SequenceInputStream(bytes("başı"), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("the browser went away");
                }
            });
            assertThatThrownBy(() -> crm.attachments().upload(admin, customer.id(), NewAttachment.of("yarim.txt", null), broken))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
                        assertThat(e).hasMessageContaining("the browser went away");
                    });

            assertThat(crm.attachments().list(admin, customer.id())).isEmpty();
            assertThat(stored()).isEmpty();
            assertThat(timeline()).noneMatch(a -> "fileUploaded".equals(a.data().get("event")));
        }

        @Test
        void badNamesAndTypesAreRefusedWhenBuiltWithEveryProblemAtOnce() {
            assertThatThrownBy(() -> NewAttachment.of("klasor/", "not a type"))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(CrmValidationException.Violation::field).containsExactly("fileName", "contentType"));
            assertThatThrownBy(() -> NewAttachment.of("a\u0000b.txt", null)).isInstanceOf(CrmValidationException.class);
            assertThatThrownBy(() -> NewAttachment.of("x".repeat(256), null)).isInstanceOf(CrmValidationException.class);
            assertThat(NewAttachment.of("../../etc/passwd", "text/plain; charset=UTF-8"))
                    .isEqualTo(new NewAttachment("passwd", "text/plain; charset=utf-8"));
        }

        @Test
        void anUnknownCustomerIsNotFoundBeforeAnyByteIsRead() {
            InputStream untouched = new InputStream() {
                @Override
                public int read() {
                    throw new AssertionError("the content was read");
                }
            };

            assertThatThrownBy(() -> crm.attachments().upload(admin, 987_654_321L, NewAttachment.of("x.txt", null), untouched))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND));
            assertThat(stored()).isEmpty();
        }
    }

    @Nested
    @DisplayName("deletion")
    class Deletion {

        @Test
        void deletingAnAttachmentRemovesItsBytesAndIsLogged() {
            Attachment kept = crm.attachments().upload(admin, customer.id(), NewAttachment.of("kalan.txt", null), bytes("k"));
            Attachment gone = crm.attachments().upload(admin, customer.id(), NewAttachment.of("giden.txt", null), bytes("g"));
            assertThat(stored()).hasSize(2);

            crm.attachments().delete(admin, gone.id());

            assertThat(crm.attachments().list(admin, customer.id())).containsExactly(kept);
            assertThat(stored()).hasSize(1);
            assertThat(downloaded(admin, kept.id())).isEqualTo("k");
            Activity logged = timeline().get(0);
            assertThat(logged.type()).isEqualTo(ActivityType.LOG);
            assertThat(logged.data()).containsEntry("event", "fileDeleted").containsEntry("fileName", "giden.txt");
            assertThatThrownBy(() -> crm.attachments().download(admin, gone.id()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ATTACHMENT_NOT_FOUND));
            assertThatThrownBy(() -> crm.attachments().delete(admin, gone.id()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ATTACHMENT_NOT_FOUND));
        }

        @Test
        void deletingTheCustomerRemovesItsAttachmentsAndTheirBytes() {
            Customer other = crm.customers().create(admin, NewCustomer.builder("Mehmet Kaya", "+905321110002").build());
            Attachment a = crm.attachments().upload(admin, customer.id(), NewAttachment.of("a.txt", null), bytes("a"));
            crm.attachments().upload(admin, customer.id(), NewAttachment.of("b.txt", null), bytes("b"));
            Attachment kept = crm.attachments().upload(admin, other.id(), NewAttachment.of("c.txt", null), bytes("c"));
            long task = crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, "Dekontu incele")
                    .customer(customer.id()).build()).id();

            crm.customers().delete(admin, customer.id());

            assertThat(stored()).hasSize(1);
            assertThat(downloaded(admin, kept.id())).isEqualTo("c");
            assertThatThrownBy(() -> crm.attachments().download(admin, a.id())).isInstanceOf(NotFoundException.class);
            assertThat(crm.workItems().get(admin, task).customerId()).isNull();
        }
    }

    @Nested
    @DisplayName("file custom fields")
    class FileFields {

        private Customer other;
        private Attachment own;
        private Attachment othersFile;

        @BeforeEach
        void aFileFieldAndFilesOfTwoCustomers() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("dekont", "Dekont", FieldType.FILE).build());
            other = crm.customers().create(admin, NewCustomer.builder("Mehmet Kaya", "+905321110002").build());
            own = crm.attachments().upload(admin, customer.id(), NewAttachment.of("dekont.pdf", null), bytes("d"));
            othersFile = crm.attachments().upload(admin, other.id(), NewAttachment.of("baska.pdf", null), bytes("b"));
        }

        private Customer setFile(Customer c, String value) {
            Customer current = crm.customers().get(admin, c.id());
            return crm.customers().update(admin, CustomerUpdate.of(current).customField("dekont", value).build());
        }

        @Test
        void namesAnAttachmentOfTheSameCustomer() {
            Customer updated = setFile(customer, Long.toString(own.id()));
            assertThat(updated.customFields()).containsEntry("dekont", Long.toString(own.id()));
        }

        @Test
        @DisplayName("another customer's file, a missing one, or anything but an id is CUSTOM_FIELD_INVALID and changes nothing")
        void refusesWhatIsNotAFileOfTheCustomer() {
            long version = crm.customers().get(admin, customer.id()).version();
            for (String value : List.of(Long.toString(othersFile.id()), Long.toString(othersFile.id() + 1000), "dekont.pdf")) {
                assertFails(CrmValidationException.class, ErrorCode.CUSTOM_FIELD_INVALID, () -> setFile(customer, value));
            }
            Customer unchanged = crm.customers().get(admin, customer.id());
            assertThat(unchanged.version()).isEqualTo(version);
            assertThat(unchanged.customFields()).doesNotContainKey("dekont");
        }

        @Test
        @DisplayName("a new customer has no files yet: a file value on create is CUSTOM_FIELD_INVALID")
        void aNewCustomerHasNoFilesYet() {
            assertFails(CrmValidationException.class, ErrorCode.CUSTOM_FIELD_INVALID, () -> crm.customers().create(admin,
                    NewCustomer.builder("Zeynep Ak", "+905321110003").customField("dekont", Long.toString(own.id())).build()));
            assertThat(crm.customers().findByPhone(admin, "+905321110003")).isEmpty();
        }

        @Test
        @DisplayName("deleting the file clears the field, and the deletion's timeline entry says so")
        void deletingTheFileClearsTheField() {
            setFile(customer, Long.toString(own.id()));
            long version = crm.customers().get(admin, customer.id()).version();

            crm.attachments().delete(admin, own.id());

            Customer after = crm.customers().get(admin, customer.id());
            assertThat(after.customFields()).doesNotContainKey("dekont");
            assertThat(after.version()).isEqualTo(version + 1);
            Activity logged = timeline().get(0);
            assertThat(logged.data()).containsEntry("event", "fileDeleted");
            assertThat(logged.changes()).containsExactly(new FieldChange("dekont", Long.toString(own.id()), null));
        }
    }

    private static String sha256Of(String text) {
        try {
            return BlobStoreContract.sha256(bytes(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
