package dev.crmkit.testkit;

import dev.crmkit.core.importjob.ImportMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobRequest;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.call.NewCall;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.message.NewMessage;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.customer.PhoneChange;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.product.NewProduct;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultInput;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.work.NewWorkItem;
import dev.crmkit.core.work.WorkItemKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenants never see nor change each other's data. For every service method, an actor of GLOBEX,
 * even its admin, tries to reach ACME's data: reads by id are {@code CUSTOMER_NOT_FOUND}, lists,
 * counts and feeds hold nothing of ACME, changes fail as not found, and ACME's state is unchanged
 * afterwards. Phones, grants and custom field definitions are per tenant.
 */
@DisplayName("Tenant isolation")
public abstract class TenantIsolationContract extends ContractSupport {

    private static final String ACME_PHONE = "+905321000001";
    private static final String ACME_SECOND_PHONE = "+905321000002";
    private static final String OTHER_PHONE = "+905321000003";
    private static final String ACME_NATIONAL_ID = "10000000146";

    /** What ACME holds when a case starts. */
    protected record AcmeData(Customer customer, long deletedCustomerId, long queuedJob, long endedJob, long workItem,
                              long call, long attachment) {
    }

    /** Tries one service method on ACME's data as GLOBEX and checks what GLOBEX observes. */
    @FunctionalInterface
    protected interface Check {
        void run(TenantIsolationContract suite, AcmeData acme);
    }

    /**
     * One isolation case.
     *
     * @param method {@code Interface.method}
     * @param check the attempt and what GLOBEX must observe
     */
    protected record IsolationCase(String method, Check check) {
        @Override
        public String toString() {
            return method;
        }
    }

    /** ACME: a custom field, a customer with two phones, a national id, a custom value and a note; grants; a deletion. */
    private AcmeData prepareAcme() {
        crm.customFields().define(admin, CustomFieldDefinition.builder("tier", "Tier", FieldType.TEXT).build());
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE)
                .email("ali@acme.com.tr").company("Acme Lojistik").nationalId(ACME_NATIONAL_ID)
                .customField("tier", "gold").build());
        crm.customers().addPhone(admin, c.id(), NewPhone.of(ACME_SECOND_PHONE));
        crm.activities().addNote(admin, c.id(), "ACME'nin gizli notu");
        crm.permissions().grantUser(admin, "ayse", PermissionLevel.CONTRIBUTE);
        crm.permissions().grantGroup(admin, "finance", PermissionLevel.EDIT);
        crm.permissions().grantCapability(admin, "finance", Capability.OTHERS_RECORDINGS);
        Customer gone = crm.customers().create(admin, NewCustomer.builder("Silinen Müşteri", OTHER_PHONE).build());
        crm.customers().delete(admin, gone.id());
        long queued = crm.imports().submit(admin, jobRequest(), csv()).id();
        long ended = crm.imports().submit(admin, jobRequest(), csv()).id();
        crm.imports().cancel(admin, ended);
        crm.results().define(admin, ResultCode.builder("PTP", "Ödeme sözü").build());
        crm.results().apply(admin, c.id(), ResultInput.builder("PTP", ResultSource.MANUAL).build());
        crm.products().add(admin, c.id(), NewProduct.builder("ACME-1").status("Derdest").build());
        crm.scripts().define(admin, Script.builder("genel", "Genel", "<p>[MÜŞTERİ_ADI]</p>").build());
        long workItem = crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, "Geri ara")
                .customer(c.id()).build()).id();
        long call = crm.calls().record(admin, c.id(), NewCall.builder(ACME_PHONE, START, java.time.Duration.ofSeconds(42))
                .recording("acme/rec.mp3").build()).id();
        crm.messages().defineTemplate(admin, MessageTemplate.builder("hatirlatma", "Hatırlatma",
                "Sayın [MÜŞTERİ_ADI], ödemenizi hatırlatırız.").build());
        crm.messages().send(admin, c.id(), NewMessage.fromTemplate(MessageChannel.SMS, "hatirlatma"));
        long attachment = crm.attachments().upload(admin, c.id(), NewAttachment.of("sozlesme.pdf", "application/pdf"),
                new ByteArrayInputStream("ACME'nin sözleşmesi".getBytes(StandardCharsets.UTF_8))).id();
        return new AcmeData(crm.customers().get(admin, c.id()), gone.id(), queued, ended, workItem, call, attachment);
    }

    private static JobRequest jobRequest() {
        return new JobRequest("acme.csv", false, OnDuplicate.REJECT, ImportMode.PARTIAL, Map.of(), Map.of());
    }

    private static InputStream csv() {
        return new ByteArrayInputStream("isim;telefon\nAli Veli;05321000001\n".getBytes(StandardCharsets.UTF_8));
    }

    private Actor globexUser(String username, String... groups) {
        return Actor.user(GLOBEX, username, groups);
    }

    private static void assertCustomerNotFound(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(NotFoundException.class);
        assertThat(((CrmException) thrown).code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND);
        assertThat(thrown.getMessage()).doesNotContain("Ali Veli").doesNotContain("5321000001");
    }

    /** One case per service method. */
    protected static List<IsolationCase> cases() {
        List<IsolationCase> cases = new ArrayList<>();
        // CustomerService
        cases.add(new IsolationCase("CustomerService.create", (t, acme) -> {
            Customer own = t.crm.customers().create(t.otherAdmin,
                    NewCustomer.builder("Başka Biri", ACME_PHONE).build());
            assertThat(own.fullName()).isEqualTo("Başka Biri");
            assertThat(t.crm.customers().findByPhone(t.otherAdmin, ACME_PHONE)).map(Customer::fullName)
                    .contains("Başka Biri");
            assertThat(t.crm.customers().findByPhone(t.admin, ACME_PHONE)).map(Customer::id)
                    .contains(acme.customer().id());
        }));
        cases.add(new IsolationCase("CustomerService.get", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().get(t.otherAdmin, acme.customer().id()))));
        cases.add(new IsolationCase("CustomerService.card", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().card(t.otherAdmin, acme.customer().id(), 5, 5))));
        cases.add(new IsolationCase("CustomerService.findByPhone", (t, acme) -> {
            assertThat(t.crm.customers().findByPhone(t.otherAdmin, ACME_PHONE)).isEmpty();
            assertThat(t.crm.customers().findByPhone(t.otherAdmin, "0532 100 00 01")).isEmpty();
        }));
        cases.add(new IsolationCase("CustomerService.update", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().update(t.otherAdmin,
                        CustomerUpdate.of(acme.customer()).fullName("Ele Geçirildi").build()))));
        cases.add(new IsolationCase("CustomerService.delete", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().delete(t.otherAdmin, acme.customer().id()))));
        cases.add(new IsolationCase("CustomerService.revealNationalId", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().revealNationalId(t.otherAdmin, acme.customer().id()))));
        cases.add(new IsolationCase("CustomerService.search", (t, acme) -> {
            for (String text : new String[] {null, "Ali", "veli", "acme", "ali@acme.com.tr", "0532 100 00 01",
                    "5321000002"}) {
                CustomerQuery query = CustomerQuery.builder().text(text).build();
                assertThat(t.crm.customers().search(t.otherAdmin, query).items()).as("search %s", text).isEmpty();
            }
        }));
        cases.add(new IsolationCase("CustomerService.count", (t, acme) -> {
            assertThat(t.crm.customers().count(t.otherAdmin, CustomerQuery.all())).isZero();
            assertThat(t.crm.customers().count(t.otherAdmin, CustomerQuery.text("Ali Veli"))).isZero();
        }));
        cases.add(new IsolationCase("CustomerService.addPhone", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().addPhone(t.otherAdmin, acme.customer().id(),
                        NewPhone.of("0532 100 00 04")))));
        cases.add(new IsolationCase("CustomerService.updatePhone", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().updatePhone(t.otherAdmin, acme.customer().id(),
                        ACME_SECOND_PHONE, PhoneChange.favorite(true)))));
        cases.add(new IsolationCase("CustomerService.removePhone", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().removePhone(t.otherAdmin, acme.customer().id(),
                        ACME_SECOND_PHONE))));
        cases.add(new IsolationCase("CustomerService.recordContact", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.customers().recordContact(t.otherAdmin, acme.customer().id(),
                        ACME_PHONE))));
        // ActivityService
        cases.add(new IsolationCase("ActivityService.addNote", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.activities().addNote(t.otherAdmin, acme.customer().id(),
                        "GLOBEX was here"))));
        cases.add(new IsolationCase("ActivityService.timeline", (t, acme) ->
                assertCustomerNotFound(() -> t.crm.activities().timeline(t.otherAdmin, acme.customer().id(),
                        ActivityQuery.newest()))));
        cases.add(new IsolationCase("ActivityService.feed", (t, acme) -> {
            assertThat(t.crm.activities().feed(t.otherAdmin, ActivityQuery.newest(1000)).items()).isEmpty();
            assertThat(t.crm.activities().feed(t.otherAdmin, ActivityQuery.newest(1000)).hasNext()).isFalse();
        }));
        cases.add(new IsolationCase("ActivityService.auditLog", (t, acme) ->
                assertThat(t.crm.activities().auditLog(t.otherAdmin, 1000)).isEmpty()));
        // CustomFieldService
        cases.add(new IsolationCase("CustomFieldService.define", (t, acme) -> {
            t.crm.customFields().define(t.otherAdmin, CustomFieldDefinition
                    .builder("tier", "Seviye", FieldType.NUMBER).required(true).build());
            assertThat(t.crm.customFields().find(t.otherAdmin, "tier")).map(CustomFieldDefinition::type)
                    .contains(FieldType.NUMBER);
            assertThat(t.crm.customFields().find(t.admin, "tier")).map(CustomFieldDefinition::type)
                    .contains(FieldType.TEXT);
        }));
        cases.add(new IsolationCase("CustomFieldService.redefine", (t, acme) ->
                assertFails(ErrorCode.FIELD_NOT_FOUND, () -> t.crm.customFields().redefine(t.otherAdmin, CustomFieldDefinition
                        .builder("tier", "Taken over", FieldType.TEXT).visibleTo("globex").build()))));
        cases.add(new IsolationCase("CustomFieldService.list", (t, acme) ->
                assertThat(t.crm.customFields().list(t.otherAdmin)).isEmpty()));
        cases.add(new IsolationCase("CustomFieldService.find", (t, acme) ->
                assertThat(t.crm.customFields().find(t.otherAdmin, "tier")).isEmpty()));
        cases.add(new IsolationCase("CustomFieldService.delete", (t, acme) ->
                assertFails(ErrorCode.FIELD_NOT_FOUND, () -> t.crm.customFields().delete(t.otherAdmin, "tier"))));
        // PermissionService
        cases.add(new IsolationCase("PermissionService.levelOf", (t, acme) -> {
            assertThat(t.crm.permissions().levelOf(t.globexUser("ayse", "agents"))).isEqualTo(PermissionLevel.VIEW);
            assertThat(t.crm.permissions().levelOf(t.globexUser("zeynep", "finance"))).isEqualTo(PermissionLevel.VIEW);
        }));
        cases.add(new IsolationCase("PermissionService.can", (t, acme) -> {
            assertThat(t.crm.permissions().can(t.globexUser("ayse", "agents"), Operation.NOTE_ADD)).isFalse();
            assertThat(t.crm.permissions().can(t.globexUser("zeynep", "finance"), Operation.CUSTOMER_UPDATE)).isFalse();
        }));
        cases.add(new IsolationCase("PermissionService.grantUser", (t, acme) -> {
            t.crm.permissions().grantUser(t.otherAdmin, "ayse", PermissionLevel.NONE);
            assertThat(t.crm.permissions().levelOf(t.globexUser("ayse", "agents"))).isEqualTo(PermissionLevel.NONE);
            assertThat(t.crm.permissions().levelOf(Actor.user(ACME, "ayse", "agents")))
                    .isEqualTo(PermissionLevel.CONTRIBUTE);
        }));
        cases.add(new IsolationCase("PermissionService.revokeUser", (t, acme) -> {
            t.crm.permissions().revokeUser(t.otherAdmin, "ayse");
            assertThat(t.crm.permissions().levelOf(Actor.user(ACME, "ayse", "agents")))
                    .isEqualTo(PermissionLevel.CONTRIBUTE);
        }));
        cases.add(new IsolationCase("PermissionService.grantGroup", (t, acme) -> {
            t.crm.permissions().grantGroup(t.otherAdmin, "agents", PermissionLevel.MANAGE);
            assertThat(t.crm.permissions().levelOf(t.globexUser("mehmet", "agents"))).isEqualTo(PermissionLevel.MANAGE);
            assertThat(t.crm.permissions().levelOf(Actor.user(ACME, "mehmet", "agents")))
                    .isEqualTo(PermissionLevel.VIEW);
        }));
        cases.add(new IsolationCase("PermissionService.revokeGroup", (t, acme) -> {
            t.crm.permissions().revokeGroup(t.otherAdmin, "finance");
            assertThat(t.crm.permissions().levelOf(Actor.user(ACME, "zeynep", "finance")))
                    .isEqualTo(PermissionLevel.EDIT);
        }));
        cases.add(new IsolationCase("PermissionService.grantCapability", (t, acme) -> {
            t.crm.permissions().grantCapability(t.otherAdmin, "agents", Capability.OTHERS_RECORDINGS);
            assertThat(t.crm.permissions().hasCapability(t.globexUser("ayse", "agents"), Capability.OTHERS_RECORDINGS))
                    .isTrue();
            assertThat(t.crm.permissions().hasCapability(Actor.user(ACME, "ayse", "agents"), Capability.OTHERS_RECORDINGS))
                    .isFalse();
        }));
        cases.add(new IsolationCase("PermissionService.revokeCapability", (t, acme) -> {
            t.crm.permissions().revokeCapability(t.otherAdmin, "finance", Capability.OTHERS_RECORDINGS);
            assertThat(t.crm.permissions().hasCapability(Actor.user(ACME, "zeynep", "finance"), Capability.OTHERS_RECORDINGS))
                    .isTrue();
        }));
        cases.add(new IsolationCase("PermissionService.hasCapability", (t, acme) ->
                assertThat(t.crm.permissions().hasCapability(t.globexUser("zeynep", "finance"), Capability.OTHERS_RECORDINGS))
                        .isFalse()));
        cases.add(new IsolationCase("PermissionService.users", (t, acme) -> {
            t.users.add(ACME, DirectoryUser.of("acme-only", "Yalnız ACME"));
            assertThat(t.crm.permissions().users(t.otherAdmin)).extracting(DirectoryUser::username)
                    .containsExactly("ayse", "boss", "mehmet", "zeynep");
        }));
        cases.add(new IsolationCase("PermissionService.grants", (t, acme) -> {
            assertThat(t.crm.permissions().grants(t.otherAdmin).users()).isEmpty();
            assertThat(t.crm.permissions().grants(t.otherAdmin).groups()).isEmpty();
        }));
        cases.add(new IsolationCase("ImportJobService.submit", (t, acme) -> {
            long id = t.crm.imports().submit(t.otherAdmin, jobRequest(), csv()).id();
            assertThat(t.crm.imports().find(t.admin, id)).isEmpty();
        }));
        cases.add(new IsolationCase("ImportJobService.submitShared", (t, acme) -> {
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile("globex", ".csv");
                file.toFile().deleteOnExit();
                long id = t.crm.imports().submitShared(t.otherAdmin, jobRequest(), file).id();
                assertThat(t.crm.imports().find(t.admin, id)).isEmpty();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        cases.add(new IsolationCase("ImportJobService.find", (t, acme) ->
                assertThat(t.crm.imports().find(t.otherAdmin, acme.queuedJob())).isEmpty()));
        cases.add(new IsolationCase("ImportJobService.list", (t, acme) ->
                assertThat(t.crm.imports().list(t.otherAdmin, 100)).extracting(ImportJob::id)
                        .doesNotContain(acme.queuedJob(), acme.endedJob())));
        cases.add(new IsolationCase("ImportJobService.rejectedRows", (t, acme) ->
                assertFails(ErrorCode.JOB_NOT_FOUND, () -> t.crm.imports().rejectedRows(t.otherAdmin, acme.endedJob(), 0, 10))));
        cases.add(new IsolationCase("ImportJobService.cancel", (t, acme) ->
                assertFails(ErrorCode.JOB_NOT_FOUND, () -> t.crm.imports().cancel(t.otherAdmin, acme.queuedJob()))));
        cases.add(new IsolationCase("ImportJobService.undo", (t, acme) ->
                assertFails(ErrorCode.JOB_NOT_FOUND, () -> t.crm.imports().undo(t.otherAdmin, acme.endedJob()))));
        cases.add(new IsolationCase("ResultCodeService.define", (t, acme) -> {
            t.crm.results().define(t.otherAdmin, ResultCode.builder("PTP", "Globex'in kodu").build());
            assertThat(t.crm.results().find(t.otherAdmin, "PTP").orElseThrow().label()).isEqualTo("Globex'in kodu");
        }));
        cases.add(new IsolationCase("ResultCodeService.redefine", (t, acme) ->
                assertFails(ErrorCode.RESULT_CODE_NOT_FOUND, () -> t.crm.results().redefine(t.otherAdmin, ResultCode.builder("PTP", "Değişti").build()))));
        cases.add(new IsolationCase("ResultCodeService.list", (t, acme) ->
                assertThat(t.crm.results().list(t.otherAdmin)).isEmpty()));
        cases.add(new IsolationCase("ResultCodeService.find", (t, acme) ->
                assertThat(t.crm.results().find(t.otherAdmin, "PTP")).isEmpty()));
        cases.add(new IsolationCase("ResultCodeService.apply", (t, acme) -> {
            t.crm.results().define(t.otherAdmin, ResultCode.builder("PTP", "Globex'in kodu").build());
            assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.results().apply(t.otherAdmin, acme.customer().id(),
                    ResultInput.builder("PTP", ResultSource.MANUAL).build()));
        }));
        cases.add(new IsolationCase("ResultCodeService.history", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.results().history(t.otherAdmin, acme.customer().id(), 10))));
        cases.add(new IsolationCase("ResultCodeService.count", (t, acme) ->
                assertThat(t.crm.results().count(t.otherAdmin, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                        .isEmpty()));
        cases.add(new IsolationCase("ProductService.add", (t, acme) -> {
            assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.products().add(t.otherAdmin, acme.customer().id(), NewProduct.builder("G-1").build()));
            Customer own = t.crm.customers().create(t.otherAdmin, NewCustomer.builder("Globex Müşterisi", "0532 555 00 01").build());
            t.crm.products().add(t.otherAdmin, own.id(), NewProduct.builder("ACME-1").build());
            assertThat(t.crm.products().find(t.otherAdmin, "ACME-1").orElseThrow().customerId()).isEqualTo(own.id());
        }));
        cases.add(new IsolationCase("ProductService.update", (t, acme) ->
                assertFails(ErrorCode.PRODUCT_NOT_FOUND, () -> t.crm.products().update(t.otherAdmin, NewProduct.builder("ACME-1").status("X").build(), 1))));
        cases.add(new IsolationCase("ProductService.remove", (t, acme) ->
                assertFails(ErrorCode.PRODUCT_NOT_FOUND, () -> t.crm.products().remove(t.otherAdmin, "ACME-1"))));
        cases.add(new IsolationCase("ProductService.find", (t, acme) ->
                assertThat(t.crm.products().find(t.otherAdmin, "ACME-1")).isEmpty()));
        cases.add(new IsolationCase("ProductService.list", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.products().list(t.otherAdmin, acme.customer().id()))));
        cases.add(new IsolationCase("ProductService.actions", (t, acme) ->
                assertFails(ErrorCode.PRODUCT_NOT_FOUND, () -> t.crm.products().actions(t.otherAdmin, "ACME-1", 10))));
        cases.add(new IsolationCase("ScriptService.define", (t, acme) -> {
            t.crm.scripts().define(t.otherAdmin, Script.builder("genel", "Globex", "<p>g</p>").build());
            assertThat(t.crm.scripts().find(t.otherAdmin, "genel").orElseThrow().title()).isEqualTo("Globex");
        }));
        cases.add(new IsolationCase("ScriptService.redefine", (t, acme) ->
                assertFails(ErrorCode.SCRIPT_NOT_FOUND, () -> t.crm.scripts().redefine(t.otherAdmin, Script.builder("genel", "X", "<p>x</p>").build()))));
        cases.add(new IsolationCase("ScriptService.delete", (t, acme) ->
                assertFails(ErrorCode.SCRIPT_NOT_FOUND, () -> t.crm.scripts().delete(t.otherAdmin, "genel"))));
        cases.add(new IsolationCase("ScriptService.list", (t, acme) ->
                assertThat(t.crm.scripts().list(t.otherAdmin, null)).isEmpty()));
        cases.add(new IsolationCase("ScriptService.find", (t, acme) ->
                assertThat(t.crm.scripts().find(t.otherAdmin, "genel")).isEmpty()));
        cases.add(new IsolationCase("ScriptService.render", (t, acme) -> {
            t.crm.scripts().define(t.otherAdmin, Script.builder("genel", "Globex", "<p>[MÜŞTERİ_ADI]</p>").build());
            assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.scripts().render(t.otherAdmin, "genel", acme.customer().id()));
        }));
        cases.add(new IsolationCase("WorkItemService.create", (t, acme) -> {
            assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.workItems().create(t.otherAdmin, NewWorkItem.builder(WorkItemKind.TASK, "Sız")
                    .customer(acme.customer().id()).build()));
            long own = t.crm.workItems().create(t.otherAdmin, NewWorkItem.builder(WorkItemKind.TASK, "Kendi işim").build()).id();
            assertFails(ErrorCode.WORK_ITEM_NOT_FOUND, () -> t.crm.workItems().get(t.admin, own));
        }));
        cases.add(new IsolationCase("WorkItemService.update", (t, acme) ->
                assertFails(ErrorCode.WORK_ITEM_NOT_FOUND, () -> t.crm.workItems().update(t.otherAdmin, acme.workItem(),
                        NewWorkItem.builder(WorkItemKind.TASK, "X").build(), 1))));
        cases.add(new IsolationCase("WorkItemService.setDone", (t, acme) ->
                assertFails(ErrorCode.WORK_ITEM_NOT_FOUND, () -> t.crm.workItems().setDone(t.otherAdmin, acme.workItem(), true, 1))));
        cases.add(new IsolationCase("WorkItemService.delete", (t, acme) ->
                assertFails(ErrorCode.WORK_ITEM_NOT_FOUND, () -> t.crm.workItems().delete(t.otherAdmin, acme.workItem()))));
        cases.add(new IsolationCase("WorkItemService.get", (t, acme) ->
                assertFails(ErrorCode.WORK_ITEM_NOT_FOUND, () -> t.crm.workItems().get(t.otherAdmin, acme.workItem()))));
        cases.add(new IsolationCase("WorkItemService.forCustomer", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.workItems().forCustomer(t.otherAdmin, acme.customer().id()))));
        cases.add(new IsolationCase("CallService.record", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.calls().record(t.otherAdmin, acme.customer().id(), NewCall.builder(ACME_PHONE,
                        START, java.time.Duration.ofSeconds(5)).build()))));
        cases.add(new IsolationCase("CallService.list", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.calls().list(t.otherAdmin, acme.customer().id(), 10))));
        cases.add(new IsolationCase("CallService.recording", (t, acme) ->
                assertFails(ErrorCode.CALL_NOT_FOUND, () -> t.crm.calls().recording(t.otherAdmin, acme.call()))));
        cases.add(new IsolationCase("MessageService.defineTemplate", (t, acme) -> {
            t.crm.messages().defineTemplate(t.otherAdmin, MessageTemplate.builder("hatirlatma", "Globex", "Globex'ten").build());
            assertThat(t.crm.messages().templates(t.otherAdmin)).extracting(MessageTemplate::name).containsExactly("Globex");
        }));
        cases.add(new IsolationCase("MessageService.redefineTemplate", (t, acme) ->
                assertFails(ErrorCode.MESSAGE_TEMPLATE_NOT_FOUND, () -> t.crm.messages().redefineTemplate(t.otherAdmin,
                        MessageTemplate.builder("hatirlatma", "X", "X").build()))));
        cases.add(new IsolationCase("MessageService.deleteTemplate", (t, acme) ->
                assertFails(ErrorCode.MESSAGE_TEMPLATE_NOT_FOUND, () -> t.crm.messages().deleteTemplate(t.otherAdmin, "hatirlatma"))));
        cases.add(new IsolationCase("MessageService.templates", (t, acme) ->
                assertThat(t.crm.messages().templates(t.otherAdmin)).isEmpty()));
        cases.add(new IsolationCase("MessageService.preview", (t, acme) -> {
            t.crm.messages().defineTemplate(t.otherAdmin, MessageTemplate.builder("hatirlatma", "Globex", "[MÜŞTERİ_ADI]").build());
            assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.messages().preview(t.otherAdmin, acme.customer().id(), "hatirlatma"));
        }));
        cases.add(new IsolationCase("MessageService.send", (t, acme) -> {
            int sent = t.gateway.calls();
            assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.messages().send(t.otherAdmin, acme.customer().id(),
                    NewMessage.freeText(MessageChannel.SMS, "Merhaba")));
            assertThat(t.gateway.calls()).isEqualTo(sent);
        }));
        cases.add(new IsolationCase("MessageService.handToBrowser", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.messages().handToBrowser(t.otherAdmin,
                        acme.customer().id(), NewMessage.freeText(MessageChannel.WHATSAPP, "Merhaba")))));
        cases.add(new IsolationCase("MessageService.list", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.messages().list(t.otherAdmin, acme.customer().id(), 10))));
        cases.add(new IsolationCase("AttachmentService.upload", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.attachments().upload(t.otherAdmin, acme.customer().id(),
                        NewAttachment.of("x.txt", "text/plain"), new ByteArrayInputStream(new byte[] {1})))));
        cases.add(new IsolationCase("AttachmentService.list", (t, acme) ->
                assertFails(ErrorCode.CUSTOMER_NOT_FOUND, () -> t.crm.attachments().list(t.otherAdmin, acme.customer().id()))));
        cases.add(new IsolationCase("AttachmentService.download", (t, acme) ->
                assertFails(ErrorCode.ATTACHMENT_NOT_FOUND, () -> t.crm.attachments().download(t.otherAdmin, acme.attachment()).close())));
        cases.add(new IsolationCase("AttachmentService.delete", (t, acme) ->
                assertFails(ErrorCode.ATTACHMENT_NOT_FOUND, () -> t.crm.attachments().delete(t.otherAdmin, acme.attachment()))));
        return List.copyOf(cases);
    }

    static Stream<IsolationCase> caseStream() {
        return cases().stream();
    }

    @Nested
    @DisplayName("every service method")
    class EveryMethod {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.crmkit.testkit.TenantIsolationContract#caseStream")
        @DisplayName("used by GLOBEX's admin cannot see nor change ACME's data")
        void cannotReachOtherTenant(IsolationCase isolationCase) {
            AcmeData acme = prepareAcme();
            TenantState before = TenantState.of(crm, admin);

            isolationCase.check().run(TenantIsolationContract.this, acme);

            assertThat(TenantState.of(crm, admin)).as("ACME after %s by GLOBEX", isolationCase).isEqualTo(before);
            assertThat(crm.customers().revealNationalId(admin, acme.customer().id())).contains(ACME_NATIONAL_ID);
        }

        @Test
        @DisplayName("has an isolation case, exactly one per method")
        void hasOneCasePerServiceMethod() {
            List<String> names = cases().stream().map(IsolationCase::method).toList();

            assertThat(names).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(names)).isEqualTo(PermissionMatrixContract.serviceMethods());
        }
    }

    @Nested
    @DisplayName("customers")
    class Customers {

        @Test
        @DisplayName("the same phone can be a customer's in both tenants, each seeing only its own")
        void samePhoneInBothTenants() {
            Customer acme = crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE).build());
            Customer globex = crm.customers().create(otherAdmin, NewCustomer.builder("Veli Ali", "0532 100 00 01").build());

            assertThat(globex.phone()).isEqualTo(acme.phone());
            assertThat(crm.customers().findByPhone(admin, ACME_PHONE)).map(Customer::fullName).contains("Ali Veli");
            assertThat(crm.customers().findByPhone(otherAdmin, ACME_PHONE)).map(Customer::fullName).contains("Veli Ali");
            assertThat(crm.customers().search(admin, CustomerQuery.all()).items()).extracting(Customer::fullName)
                    .containsExactly("Ali Veli");
            assertThat(crm.customers().search(otherAdmin, CustomerQuery.all()).items()).extracting(Customer::fullName)
                    .containsExactly("Veli Ali");
        }

        @Test
        @DisplayName("a phone taken in one tenant is still refused as a duplicate within it")
        void duplicateStaysPerTenant() {
            crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE).build());
            crm.customers().create(otherAdmin, NewCustomer.builder("Veli Ali", ACME_PHONE).build());

            assertFails(ErrorCode.DUPLICATE_PHONE, () -> crm.customers().create(otherAdmin, NewCustomer.builder("Üçüncü", ACME_PHONE).build()));
            assertThat(crm.customers().count(otherAdmin, CustomerQuery.all())).isEqualTo(1);
            assertThat(crm.customers().count(admin, CustomerQuery.all())).isEqualTo(1);
        }

        @Test
        @DisplayName("reading by an id of the other tenant never returns the other tenant's customer")
        void idsNeverCrossTenants() {
            List<Customer> acme = new ArrayList<>();
            List<Customer> globex = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                acme.add(crm.customers().create(admin,
                        NewCustomer.builder("Acme Kişi " + i, "0532 200 00 0" + i).build()));
                globex.add(crm.customers().create(otherAdmin,
                        NewCustomer.builder("Globex Kişi " + i, "0532 300 00 0" + i).build()));
            }
            List<Long> globexIds = globex.stream().map(Customer::id).toList();

            for (Customer c : acme) {
                if (globexIds.contains(c.id())) {
                    assertThat(crm.customers().get(otherAdmin, c.id()).fullName()).startsWith("Globex");
                } else {
                    assertCustomerNotFound(() -> crm.customers().get(otherAdmin, c.id()));
                }
            }
        }

        @Test
        @DisplayName("a search of one tenant holds only its own customers, even when both match the text")
        void searchStaysInTenant() {
            crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "0532 200 00 01").build());
            crm.customers().create(otherAdmin, NewCustomer.builder("Ayşe Kaya", "0532 300 00 01").build());

            assertThat(crm.customers().search(otherAdmin, CustomerQuery.text("ayse")).items())
                    .extracting(Customer::fullName).containsExactly("Ayşe Kaya");
            assertThat(crm.customers().count(otherAdmin, CustomerQuery.text("ayse"))).isEqualTo(1);
            assertThat(crm.customers().search(otherAdmin, CustomerQuery.text("0532 200 00 01")).items()).isEmpty();
        }

        @Test
        @DisplayName("a representative must be a user of the customer's own tenant")
        void representativeMustBeOfOwnTenant() {
            users.add(GLOBEX, DirectoryUser.of("kemal", "Kemal Sunal", "agents"));

            assertFails(ErrorCode.REPRESENTATIVE_UNKNOWN, () -> crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE)
                    .representative("kemal").build()));
            Customer globex = crm.customers().create(otherAdmin, NewCustomer.builder("Veli Ali", ACME_PHONE)
                    .representative("kemal").build());

            assertThat(globex.representative()).isEqualTo("kemal");
            assertThat(crm.customers().count(admin, CustomerQuery.all())).isZero();
        }

        @Test
        @DisplayName("a GLOBEX user granted MANAGE in GLOBEX cannot reach ACME's customer either")
        void globexManagerCannotReachAcme() {
            AcmeData acme = prepareAcme();
            crm.permissions().grantUser(otherAdmin, "zeynep", PermissionLevel.MANAGE);
            Actor manager = globexUser("zeynep", "finance");
            TenantState before = TenantState.of(crm, admin);

            assertCustomerNotFound(() -> crm.customers().get(manager, acme.customer().id()));
            assertCustomerNotFound(() -> crm.customers().delete(manager, acme.customer().id()));
            assertCustomerNotFound(() -> crm.activities().addNote(manager, acme.customer().id(), "hi"));
            assertThat(crm.customers().search(manager, CustomerQuery.all()).items()).isEmpty();
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("activities")
    class Activities {

        @Test
        @DisplayName("each tenant's feed holds only its own entries")
        void feedsStayInTenant() {
            Customer acme = crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE).build());
            Customer globex = crm.customers().create(otherAdmin, NewCustomer.builder("Veli Ali", ACME_PHONE).build());
            crm.activities().addNote(admin, acme.id(), "acme note");
            crm.activities().addNote(otherAdmin, globex.id(), "globex note");

            List<Activity> acmeFeed = crm.activities().feed(admin, ActivityQuery.newest()).items();
            List<Activity> globexFeed = crm.activities().feed(otherAdmin, ActivityQuery.newest()).items();

            assertThat(acmeFeed).hasSize(2).extracting(Activity::text).contains("acme note").doesNotContain("globex note");
            assertThat(globexFeed).hasSize(2).extracting(Activity::text).contains("globex note")
                    .doesNotContain("acme note");
        }

        @Test
        @DisplayName("each tenant's audit log holds only its own entries")
        void auditStaysInTenant() {
            Customer acme = crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE).build());
            crm.customers().delete(admin, acme.id());
            Customer globex = crm.customers().create(otherAdmin, NewCustomer.builder("Veli Ali", OTHER_PHONE).build());
            crm.customers().delete(otherAdmin, globex.id());

            List<AuditEntry> acmeLog = crm.activities().auditLog(admin, 100);
            List<AuditEntry> globexLog = crm.activities().auditLog(otherAdmin, 100);

            assertThat(acmeLog).hasSize(1);
            assertThat(globexLog).hasSize(1);
            assertThat(acmeLog.get(0).subject()).isEqualTo(Long.toString(acme.id()));
            assertThat(globexLog.get(0).subject()).isEqualTo(Long.toString(globex.id()));
        }
    }

    @Nested
    @DisplayName("grants")
    class GrantsPerTenant {

        @Test
        @DisplayName("a user's grant in ACME does not apply to the same user name in GLOBEX")
        void userGrantsArePerTenant() {
            Customer globex = crm.customers().create(otherAdmin, NewCustomer.builder("Veli Ali", ACME_PHONE).build());
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.NONE);

            assertThat(crm.permissions().levelOf(Actor.user(ACME, "ayse", "agents"))).isEqualTo(PermissionLevel.NONE);
            assertThat(crm.permissions().levelOf(globexUser("ayse", "agents"))).isEqualTo(PermissionLevel.VIEW);
            assertThat(crm.customers().get(globexUser("ayse", "agents"), globex.id()).fullName()).isEqualTo("Veli Ali");
        }

        @Test
        @DisplayName("a group's grant in GLOBEX does not apply to the group in ACME")
        void groupGrantsArePerTenant() {
            crm.permissions().grantGroup(otherAdmin, "agents", PermissionLevel.EDIT);

            assertThat(crm.permissions().levelOf(globexUser("mehmet", "agents"))).isEqualTo(PermissionLevel.EDIT);
            assertThat(crm.permissions().levelOf(Actor.user(ACME, "mehmet", "agents"))).isEqualTo(PermissionLevel.VIEW);
            assertThat(crm.permissions().grants(admin).groups()).isEmpty();
        }

        @Test
        @DisplayName("an admin of one tenant is an ordinary actor nowhere else: the tenant decides")
        void tenantDecidesWhichDataAnAdminReaches() {
            Customer acme = crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE).build());

            assertThat(crm.customers().get(admin, acme.id()).fullName()).isEqualTo("Ali Veli");
            assertCustomerNotFound(() -> crm.customers().get(Actor.admin(GLOBEX, "boss"), acme.id()));
        }
    }

    @Nested
    @DisplayName("custom fields")
    class CustomFields {

        @Test
        @DisplayName("the same key can be defined in both tenants with different types")
        void sameKeyInBothTenants() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("tier", "Tier", FieldType.TEXT).build());
            crm.customFields().define(otherAdmin, CustomFieldDefinition.builder("tier", "Seviye", FieldType.NUMBER).build());

            assertThat(crm.customFields().list(admin)).extracting(CustomFieldDefinition::label).containsExactly("Tier");
            assertThat(crm.customFields().list(otherAdmin)).extracting(CustomFieldDefinition::label)
                    .containsExactly("Seviye");
        }

        @Test
        @DisplayName("a field required in ACME is unknown in GLOBEX, whose customers are created without it")
        void requiredFieldStaysInTenant() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("tier", "Tier", FieldType.TEXT)
                    .required(true).build());

            assertFails(ErrorCode.CUSTOM_FIELD_REQUIRED, () -> crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE).build()));
            Customer globex = crm.customers().create(otherAdmin, NewCustomer.builder("Veli Ali", ACME_PHONE).build());
            assertThat(globex.customFields()).isEmpty();
            assertFails(ErrorCode.CUSTOM_FIELD_UNKNOWN, () -> crm.customers().create(otherAdmin, NewCustomer.builder("Can Er", OTHER_PHONE)
                    .customField("tier", "gold").build()));
        }

        @Test
        @DisplayName("deleting a field in GLOBEX leaves ACME's field with the same key and its values")
        void deletingStaysInTenant() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("tier", "Tier", FieldType.TEXT).build());
            crm.customFields().define(otherAdmin, CustomFieldDefinition.builder("tier", "Tier", FieldType.TEXT).build());
            Customer acme = crm.customers().create(admin, NewCustomer.builder("Ali Veli", ACME_PHONE)
                    .customField("tier", "gold").build());
            crm.customers().create(otherAdmin, NewCustomer.builder("Veli Ali", ACME_PHONE)
                    .customField("tier", "silver").build());

            crm.customFields().delete(otherAdmin, "tier");

            assertThat(crm.customFields().find(admin, "tier")).isPresent();
            assertThat(crm.customers().get(admin, acme.id()).customFields()).containsEntry("tier", "gold");
            assertThat(crm.customers().findByPhone(otherAdmin, ACME_PHONE).orElseThrow().customFields()).isEmpty();
        }
    }
}
