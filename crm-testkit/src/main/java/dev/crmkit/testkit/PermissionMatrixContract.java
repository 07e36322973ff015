package dev.crmkit.testkit;

import dev.crmkit.core.importjob.ImportMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityService;
import dev.crmkit.core.importjob.ImportJobService;
import dev.crmkit.core.importjob.JobRequest;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.attachment.AttachmentService;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.call.CallService;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageService;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.message.NewMessage;
import dev.crmkit.core.call.NewCall;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerService;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.customer.PhoneChange;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.CustomFieldService;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.permission.PermissionService;
import dev.crmkit.core.product.NewProduct;
import dev.crmkit.core.product.ProductService;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultCodeService;
import dev.crmkit.core.result.ResultInput;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.result.ResultTarget;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.script.ScriptService;
import dev.crmkit.core.work.NewWorkItem;
import dev.crmkit.core.work.WorkItemKind;
import dev.crmkit.core.work.WorkItemService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix: one row per service method with the lowest level that may call it, tried
 * for every level and for an admin. An allowed call succeeds; a refused one throws {@link
 * PermissionDeniedException} and leaves everything the tenant's admin can observe as it was.
 *
 * <p>Each case starts from fresh storage prepared by the admin: two custom fields, a customer
 * with a national id, a second phone, custom values and a note, one user grant and one group
 * grant. The caller is a user "probe" granted the level under test.
 */
@DisplayName("Permission matrix")
public abstract class PermissionMatrixContract extends ContractSupport {

    /** Who makes the call: a user granted a level, or the tenant's admin. */
    public enum Caller {
        NONE, VIEW, CONTRIBUTE, EDIT, MANAGE, ADMIN;

        PermissionLevel level() {
            return this == ADMIN ? PermissionLevel.MANAGE : PermissionLevel.valueOf(name());
        }
    }

    /** The data every call works on. */
    protected record Fixture(Customer customer, String primaryPhone, String secondPhone, String newPhone,
                             long queuedJob, long endedJob, Path sharedFile, long workItem, long call,
                             long attachment) {
    }

    /** Performs one real service call. */
    @FunctionalInterface
    protected interface Call {
        void perform(Crm crm, Fixture fixture, Actor actor);
    }

    /**
     * One service method.
     *
     * @param method {@code Interface.method}
     * @param variant what sets this row apart from others of the same method whose required level
     *     depends on its arguments (such as the import mode), or {@code ""}
     * @param operation the operation the method is checked against
     * @param minimum the lowest level allowed to call it, as the specification says
     * @param call the call on the fixture
     */
    protected record Row(String method, String variant, Operation operation, PermissionLevel minimum, Call call) {

        Row(String method, Operation operation, PermissionLevel minimum, Call call) {
            this(method, "", operation, minimum, call);
        }

        @Override
        public String toString() {
            return variant.isEmpty() ? method : method + " (" + variant + ")";
        }
    }

    private static final String PRIMARY = "+905321000001";
    private static final String SECOND = "+905321000002";
    private static final String NEW = "+905321000003";

    /** The table: every method of the public services. */
    protected static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // CustomerService
        rows.add(new Row("CustomerService.create", Operation.CUSTOMER_CREATE, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.customers().create(a, NewCustomer.builder("Yeni Müşteri", "0532 100 00 09").build())));
        rows.add(new Row("CustomerService.get", Operation.CUSTOMER_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.customers().get(a, f.customer().id())));
        rows.add(new Row("CustomerService.card", Operation.CUSTOMER_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.customers().card(a, f.customer().id(), 5, 5)));
        rows.add(new Row("CustomerService.findByPhone", Operation.CUSTOMER_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.customers().findByPhone(a, f.primaryPhone())));
        rows.add(new Row("CustomerService.update", Operation.CUSTOMER_UPDATE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.customers().update(a, CustomerUpdate.of(f.customer()).company("Yeni Şirket").build())));
        rows.add(new Row("CustomerService.delete", Operation.CUSTOMER_DELETE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.customers().delete(a, f.customer().id())));
        rows.add(new Row("CustomerService.revealNationalId", Operation.CUSTOMER_REVEAL_NATIONAL_ID,
                PermissionLevel.MANAGE, (crm, f, a) -> crm.customers().revealNationalId(a, f.customer().id())));
        rows.add(new Row("CustomerService.search", Operation.CUSTOMER_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.customers().search(a, CustomerQuery.text("Ali"))));
        rows.add(new Row("CustomerService.count", Operation.CUSTOMER_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.customers().count(a, CustomerQuery.all())));
        rows.add(new Row("CustomerService.addPhone", Operation.PHONE_ADD, PermissionLevel.EDIT,
                (crm, f, a) -> crm.customers().addPhone(a, f.customer().id(), NewPhone.of(f.newPhone()))));
        rows.add(new Row("CustomerService.updatePhone", Operation.PHONE_UPDATE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.customers().updatePhone(a, f.customer().id(), f.secondPhone(),
                        PhoneChange.favorite(true))));
        rows.add(new Row("CustomerService.removePhone", Operation.PHONE_REMOVE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.customers().removePhone(a, f.customer().id(), f.secondPhone())));
        rows.add(new Row("CustomerService.recordContact", Operation.CONTACT_RECORD, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.customers().recordContact(a, f.customer().id(), f.primaryPhone())));
        // ActivityService
        rows.add(new Row("ActivityService.addNote", Operation.NOTE_ADD, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.activities().addNote(a, f.customer().id(), "Aradım, ulaşamadım")));
        rows.add(new Row("ActivityService.timeline", Operation.ACTIVITY_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.activities().timeline(a, f.customer().id(), ActivityQuery.newest())));
        rows.add(new Row("ActivityService.feed", Operation.ACTIVITY_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.activities().feed(a, ActivityQuery.newest())));
        rows.add(new Row("ActivityService.auditLog", Operation.AUDIT_READ, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.activities().auditLog(a, 10)));
        // CustomFieldService
        rows.add(new Row("CustomFieldService.define", Operation.FIELD_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.customFields().define(a,
                        CustomFieldDefinition.builder("fresh", "Fresh", FieldType.BOOLEAN).build())));
        rows.add(new Row("CustomFieldService.redefine", Operation.FIELD_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.customFields().redefine(a,
                        CustomFieldDefinition.builder("tier", "Tier level", FieldType.TEXT).position(5).build())));
        rows.add(new Row("CustomFieldService.list", Operation.FIELD_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.customFields().list(a)));
        rows.add(new Row("CustomFieldService.find", Operation.FIELD_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.customFields().find(a, "tier")));
        rows.add(new Row("CustomFieldService.delete", Operation.FIELD_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.customFields().delete(a, "obsolete")));
        // PermissionService
        rows.add(new Row("PermissionService.levelOf", Operation.PERMISSION_READ_OWN, PermissionLevel.NONE,
                (crm, f, a) -> crm.permissions().levelOf(a)));
        rows.add(new Row("PermissionService.can", Operation.PERMISSION_READ_OWN, PermissionLevel.NONE,
                (crm, f, a) -> crm.permissions().can(a, Operation.CUSTOMER_UPDATE)));
        rows.add(new Row("PermissionService.grantUser", Operation.PERMISSION_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.permissions().grantUser(a, "ayse", PermissionLevel.CONTRIBUTE)));
        rows.add(new Row("PermissionService.revokeUser", Operation.PERMISSION_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.permissions().revokeUser(a, "mehmet")));
        rows.add(new Row("PermissionService.grantGroup", Operation.PERMISSION_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.permissions().grantGroup(a, "agents", PermissionLevel.EDIT)));
        rows.add(new Row("PermissionService.revokeGroup", Operation.PERMISSION_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.permissions().revokeGroup(a, "finance")));
        rows.add(new Row("PermissionService.users", Operation.USER_LIST, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.permissions().users(a)));
        rows.add(new Row("PermissionService.grants", Operation.PERMISSION_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.permissions().grants(a)));
        rows.add(new Row("PermissionService.grantCapability", Operation.PERMISSION_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.permissions().grantCapability(a, "agents", Capability.FREE_TEXT_MESSAGES)));
        rows.add(new Row("PermissionService.revokeCapability", Operation.PERMISSION_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.permissions().revokeCapability(a, "finance", Capability.OTHERS_RECORDINGS)));
        rows.add(new Row("PermissionService.hasCapability", Operation.PERMISSION_READ_OWN, PermissionLevel.NONE,
                (crm, f, a) -> crm.permissions().hasCapability(a, Capability.OTHERS_RECORDINGS)));
        // ImportJobService
        rows.add(new Row("ImportJobService.submit", "new customers", Operation.IMPORT_NEW, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.imports().submit(a, jobRequest(OnDuplicate.SKIP), source())));
        rows.add(new Row("ImportJobService.submit", "update mode", Operation.IMPORT_UPDATE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.imports().submit(a, jobRequest(OnDuplicate.UPDATE), source())));
        rows.add(new Row("ImportJobService.submitShared", Operation.IMPORT_NEW, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.imports().submitShared(a, jobRequest(OnDuplicate.REJECT), f.sharedFile())));
        rows.add(new Row("ImportJobService.find", Operation.IMPORT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.imports().find(a, f.queuedJob())));
        rows.add(new Row("ImportJobService.list", Operation.IMPORT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.imports().list(a, 10)));
        rows.add(new Row("ImportJobService.rejectedRows", Operation.IMPORT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.imports().rejectedRows(a, f.endedJob(), 0, 10)));
        rows.add(new Row("ImportJobService.cancel", Operation.IMPORT_CANCEL, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.imports().cancel(a, f.queuedJob())));
        rows.add(new Row("ImportJobService.undo", Operation.IMPORT_UNDO, PermissionLevel.EDIT,
                (crm, f, a) -> crm.imports().undo(a, f.endedJob())));
        // ResultCodeService
        rows.add(new Row("ResultCodeService.define", Operation.RESULT_CODE_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.results().define(a, ResultCode.builder("NEW", "Yeni").build())));
        rows.add(new Row("ResultCodeService.redefine", Operation.RESULT_CODE_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.results().redefine(a, ResultCode.builder("DONE", "Bitti").active(false).build())));
        rows.add(new Row("ResultCodeService.list", Operation.RESULT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.results().list(a)));
        rows.add(new Row("ResultCodeService.find", Operation.RESULT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.results().find(a, "DONE")));
        rows.add(new Row("ResultCodeService.apply", Operation.RESULT_APPLY, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.results().apply(a, f.customer().id(),
                        ResultInput.builder("DONE", ResultSource.MANUAL).phone(f.secondPhone()).build())));
        rows.add(new Row("ResultCodeService.history", Operation.RESULT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.results().history(a, f.customer().id(), 10)));
        rows.add(new Row("ResultCodeService.count", Operation.RESULT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.results().count(a, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))));
        // ProductService
        rows.add(new Row("ProductService.add", Operation.PRODUCT_MANAGE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.products().add(a, f.customer().id(), NewProduct.builder("P-NEW").build())));
        rows.add(new Row("ProductService.update", Operation.PRODUCT_MANAGE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.products().update(a, NewProduct.builder("P-1").status("Kapanmış").build(), 1)));
        rows.add(new Row("ProductService.remove", Operation.PRODUCT_MANAGE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.products().remove(a, "P-1")));
        rows.add(new Row("ProductService.find", Operation.PRODUCT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.products().find(a, "P-1")));
        rows.add(new Row("ProductService.list", Operation.PRODUCT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.products().list(a, f.customer().id())));
        rows.add(new Row("ProductService.actions", Operation.PRODUCT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.products().actions(a, "P-1", 10)));
        // ScriptService
        rows.add(new Row("ScriptService.define", Operation.SCRIPT_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.scripts().define(a, Script.builder("yeni", "Yeni", "<p>[MÜŞTERİ_ADI]</p>").build())));
        rows.add(new Row("ScriptService.redefine", Operation.SCRIPT_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.scripts().redefine(a, Script.builder("genel", "Genel", "<p>değişti</p>").build())));
        rows.add(new Row("ScriptService.delete", Operation.SCRIPT_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.scripts().delete(a, "genel")));
        rows.add(new Row("ScriptService.list", Operation.SCRIPT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.scripts().list(a, null)));
        rows.add(new Row("ScriptService.find", Operation.SCRIPT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.scripts().find(a, "genel")));
        rows.add(new Row("ScriptService.render", Operation.SCRIPT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.scripts().render(a, "genel", f.customer().id())));
        // WorkItemService
        rows.add(new Row("WorkItemService.create", Operation.WORK_WRITE, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.workItems().create(a, NewWorkItem.builder(WorkItemKind.TASK, "Yeni")
                        .customer(f.customer().id()).build())));
        rows.add(new Row("WorkItemService.update", Operation.WORK_WRITE, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.workItems().update(a, f.workItem(), NewWorkItem.builder(WorkItemKind.TASK, "Değişti")
                        .customer(f.customer().id()).build(), 1)));
        rows.add(new Row("WorkItemService.setDone", Operation.WORK_WRITE, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.workItems().setDone(a, f.workItem(), true, 1)));
        rows.add(new Row("WorkItemService.delete", Operation.WORK_DELETE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.workItems().delete(a, f.workItem())));
        rows.add(new Row("WorkItemService.get", Operation.WORK_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.workItems().get(a, f.workItem())));
        rows.add(new Row("WorkItemService.forCustomer", Operation.WORK_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.workItems().forCustomer(a, f.customer().id())));
        // CallService
        rows.add(new Row("CallService.record", Operation.CALL_RECORD, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.calls().record(a, f.customer().id(), NewCall.builder(f.primaryPhone(),
                        java.time.Instant.parse("2026-03-02T08:00:00Z"), java.time.Duration.ofSeconds(30)).build())));
        rows.add(new Row("CallService.list", Operation.CALL_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.calls().list(a, f.customer().id(), 10)));
        rows.add(new Row("CallService.recording", Operation.CALL_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.calls().recording(a, f.call())));
        // MessageService
        rows.add(new Row("MessageService.defineTemplate", Operation.MESSAGE_TEMPLATE_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.messages().defineTemplate(a, MessageTemplate.builder("yeni", "Yeni", "Merhaba").build())));
        rows.add(new Row("MessageService.redefineTemplate", Operation.MESSAGE_TEMPLATE_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.messages().redefineTemplate(a, MessageTemplate.builder("hatirlatma", "Hatırlatma",
                        "Sayın [MÜŞTERİ_ADI], tekrar hatırlatırız.").build())));
        rows.add(new Row("MessageService.deleteTemplate", Operation.MESSAGE_TEMPLATE_MANAGE, PermissionLevel.MANAGE,
                (crm, f, a) -> crm.messages().deleteTemplate(a, "hatirlatma")));
        rows.add(new Row("MessageService.templates", Operation.MESSAGE_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.messages().templates(a)));
        rows.add(new Row("MessageService.preview", Operation.MESSAGE_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.messages().preview(a, f.customer().id(), "hatirlatma")));
        rows.add(new Row("MessageService.send", "template", Operation.MESSAGE_SEND, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.messages().send(a, f.customer().id(),
                        NewMessage.fromTemplate(MessageChannel.SMS, "hatirlatma"))));
        // The probes' group has the free-text capability; without it see MessageContract.
        rows.add(new Row("MessageService.send", "free text", Operation.MESSAGE_SEND, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.messages().send(a, f.customer().id(),
                        NewMessage.freeText(MessageChannel.WHATSAPP, "Merhaba").to(f.secondPhone()))));
        rows.add(new Row("MessageService.handToBrowser", Operation.MESSAGE_SEND, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.messages().handToBrowser(a, f.customer().id(),
                        NewMessage.freeText(MessageChannel.WHATSAPP, "Merhaba"))));
        rows.add(new Row("MessageService.list", Operation.MESSAGE_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.messages().list(a, f.customer().id(), 10)));
        // AttachmentService
        rows.add(new Row("AttachmentService.upload", Operation.ATTACHMENT_ADD, PermissionLevel.CONTRIBUTE,
                (crm, f, a) -> crm.attachments().upload(a, f.customer().id(), NewAttachment.of("dekont.pdf",
                        "application/pdf"), new ByteArrayInputStream("%PDF-1.4".getBytes(StandardCharsets.US_ASCII)))));
        rows.add(new Row("AttachmentService.list", Operation.ATTACHMENT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> crm.attachments().list(a, f.customer().id())));
        rows.add(new Row("AttachmentService.download", Operation.ATTACHMENT_READ, PermissionLevel.VIEW,
                (crm, f, a) -> {
                    try (var download = crm.attachments().download(a, f.attachment())) {
                        download.content().readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
        rows.add(new Row("AttachmentService.delete", Operation.ATTACHMENT_DELETE, PermissionLevel.EDIT,
                (crm, f, a) -> crm.attachments().delete(a, f.attachment())));
        return List.copyOf(rows);
    }

    /** The service interfaces whose every method needs a row. */
    protected static List<Class<?>> services() {
        return List.of(CustomerService.class, ActivityService.class, CustomFieldService.class, PermissionService.class,
                ImportJobService.class, ResultCodeService.class, ProductService.class, ScriptService.class,
                WorkItemService.class, CallService.class, MessageService.class, AttachmentService.class);
    }

    private static JobRequest jobRequest(OnDuplicate onDuplicate) {
        return new JobRequest("musteriler.csv", false, onDuplicate, ImportMode.PARTIAL, Map.of(), Map.of());
    }

    private static InputStream source() {
        return new ByteArrayInputStream("isim;telefon\nAli;05321000009\n".getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Interface.method} for every public instance method of {@link #services()}. */
    static Set<String> serviceMethods() {
        Set<String> methods = new TreeSet<>();
        for (Class<?> service : services()) {
            for (Method m : service.getMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && m.getDeclaringClass() != Object.class) {
                    methods.add(service.getSimpleName() + "." + m.getName());
                }
            }
        }
        return methods;
    }

    static Stream<Arguments> cases() {
        return rows().stream().flatMap(row -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(row, caller)));
    }

    /** Prepares the data with the admin and returns the caller. */
    private Fixture prepare() {
        crm.customFields().define(admin, CustomFieldDefinition.builder("tier", "Tier", FieldType.TEXT).build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("obsolete", "Obsolete", FieldType.TEXT).build());
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ali Veli", PRIMARY)
                .nationalId("10000000146").customField("tier", "gold").customField("obsolete", "x").build());
        crm.customers().addPhone(admin, c.id(), NewPhone.of(SECOND));
        crm.activities().addNote(admin, c.id(), "İlk görüşme");
        crm.permissions().grantUser(admin, "mehmet", PermissionLevel.EDIT);
        crm.permissions().grantGroup(admin, "finance", PermissionLevel.CONTRIBUTE);
        crm.permissions().grantCapability(admin, "finance", Capability.OTHERS_RECORDINGS);
        crm.results().define(admin, ResultCode.builder("DONE", "Tamamlandı")
                .appliesTo(ResultTarget.CUSTOMER, ResultTarget.PHONE, ResultTarget.PRODUCT).build());
        crm.results().apply(admin, c.id(), ResultInput.builder("DONE", ResultSource.SYSTEM).build());
        crm.products().add(admin, c.id(), NewProduct.builder("P-1").amount(java.math.BigDecimal.TEN).build());
        crm.results().apply(admin, c.id(), ResultInput.builder("DONE", ResultSource.MANUAL).product("P-1").build());
        crm.scripts().define(admin, Script.builder("genel", "Genel", "<p>[MÜŞTERİ_ADI]</p>").build());
        long workItem = crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, "Geri ara")
                .customer(c.id()).build()).id();
        // The probe's own call: its recording is theirs to open at any level that reads calls.
        if (users.find(ACME, "probe").isEmpty()) {
            users.add(ACME, DirectoryUser.of("probe", "probe", "probes"));
        }
        long call = crm.calls().record(admin, c.id(), NewCall.builder(PRIMARY, java.time.Instant.parse("2026-03-02T08:00:00Z"),
                java.time.Duration.ofSeconds(60)).agent("probe").recording("rec/1.mp3").build()).id();
        crm.permissions().grantCapability(admin, "probes", Capability.FREE_TEXT_MESSAGES);
        crm.messages().defineTemplate(admin, MessageTemplate.builder("hatirlatma", "Hatırlatma",
                "Sayın [MÜŞTERİ_ADI], ödemenizi hatırlatırız.").channels(MessageChannel.SMS, MessageChannel.WHATSAPP).build());
        long attachment = crm.attachments().upload(admin, c.id(), NewAttachment.of("sozlesme.pdf", "application/pdf"),
                new ByteArrayInputStream("%PDF-1.4 sözleşme".getBytes(StandardCharsets.UTF_8))).id();
        long queued = crm.imports().submit(admin, jobRequest(OnDuplicate.REJECT), source()).id();
        long ended = crm.imports().submit(admin, jobRequest(OnDuplicate.UPDATE), source()).id();
        crm.imports().cancel(admin, ended);
        Path shared;
        try {
            shared = Files.createTempFile("crm-matrix", ".csv");
            Files.writeString(shared, "isim;telefon\nAli;05321000009\n");
            shared.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Fixture(crm.customers().get(admin, c.id()), PRIMARY, SECOND, NEW, queued, ended, shared, workItem,
                call, attachment);
    }

    private Actor caller(Caller caller) {
        return caller == Caller.ADMIN ? admin : userWithLevel("probe", caller.level(), "probes");
    }

    @Nested
    @DisplayName("each service method")
    class EachMethod {

        @ParameterizedTest(name = "{0} by {1}")
        @MethodSource("dev.crmkit.testkit.PermissionMatrixContract#cases")
        @DisplayName("is allowed from its minimum level up and refused below it without any change")
        void isAllowedOnlyFromItsMinimumLevel(Row row, Caller who) {
            Fixture fixture = prepare();
            Actor actor = caller(who);
            TenantState before = TenantState.of(crm, admin);
            int gatewayCalls = gateway.calls();
            Set<String> blobsBefore = storedBlobs();

            Throwable thrown = catchThrowable(() -> row.call().perform(crm, fixture, actor));

            if (who.level().includes(row.minimum())) {
                assertThat(thrown).as("%s by %s", row, who).isNull();
            } else {
                assertThat(thrown).as("%s by %s", row, who).isInstanceOf(PermissionDeniedException.class);
                assertThat(((PermissionDeniedException) thrown).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                assertThat(TenantState.of(crm, admin)).as("state after a refused %s", row).isEqualTo(before);
                assertThat(gateway.calls()).as("messages sent by a refused %s", row).isEqualTo(gatewayCalls);
                assertThat(storedBlobs()).as("blobs after a refused %s", row).isEqualTo(blobsBefore);
            }
        }
    }

    private Set<String> storedBlobs() {
        try {
            return blobs.stored(ACME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    @DisplayName("the table")
    class Table {

        @Test
        @DisplayName("has a row for each method of the public services, one per variant")
        void hasOneRowPerServiceMethod() {
            List<String> rowNames = rows().stream().map(Row::toString).toList();

            assertThat(rowNames).doesNotHaveDuplicates();
            Set<String> covered = new TreeSet<>(rows().stream().map(Row::method).toList());
            assertThat(covered).isEqualTo(serviceMethods());
        }

        @Test
        @DisplayName("agrees with the level each operation declares")
        void agreesWithOperations() {
            for (Row row : rows()) {
                assertThat(row.operation().required()).as("%s checks %s", row, row.operation()).isEqualTo(row.minimum());
            }
        }

        @Test
        @DisplayName("uses every operation")
        void usesEveryOperation() {
            Set<Operation> used = rows().stream().map(Row::operation).collect(Collectors.toSet());

            assertThat(used).containsExactlyInAnyOrder(Operation.values());
        }

        @Test
        @DisplayName("prepares a customer with two phones, two custom values and a national id")
        void fixtureHoldsWhatTheRowsNeed() {
            Fixture fixture = prepare();

            assertThat(fixture.customer().phones()).hasSize(2);
            assertThat(fixture.customer().customFields()).containsOnlyKeys("tier", "obsolete");
            assertThat(crm.customers().revealNationalId(admin, fixture.customer().id())).contains("10000000146");
        }
    }
}
