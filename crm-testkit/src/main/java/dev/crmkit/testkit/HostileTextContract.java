package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Page;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.attachment.NewAttachment;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.message.NewMessage;
import dev.crmkit.core.product.NewProduct;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.work.NewWorkItem;
import dev.crmkit.core.work.WorkItem;
import dev.crmkit.core.work.WorkItemKind;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text that tries to be SQL, a pattern, or markup is only text: stored and read back exactly in
 * every text input the services take, and searched for as itself. A storage that built statements
 * from text, or let {@code %} and {@code _} act as wildcards, fails here.
 */
@DisplayName("Hostile text")
public abstract class HostileTextContract extends ContractSupport {

    /** Attempts at SQL injection, pattern characters, quoting and escaping of several databases. */
    static List<String> hostile() {
        return List.of(
                "Robert'); DROP TABLE crm_customer; --",
                "' OR '1'='1",
                "\" OR \"\"=\"",
                "x'; UPDATE crm_customer SET full_name = 'pwned'; --",
                "%",
                "_",
                "a%b_c",
                "100% _kesin_",
                "\\",
                "\\'; SELECT pg_sleep(5); --",
                "$$; DROP TABLE crm_activity; $$",
                "E'\\x27'",
                "/* yorum */ 1=1",
                "İşçi Ğüzel ı ş ç ö ü",
                "[MÜŞTERİ_ADI]",
                "<script>alert(1)</script>");
    }

    private int sequence;

    private String phone() {
        return TestCustomers.mobile(4_000_000 + sequence++);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isStoredAndReadBackExactlyInEveryTextInput(String text) throws Exception {
        crm.customFields().define(admin, CustomFieldDefinition.builder("notlar", "Notlar", FieldType.TEXT).build());
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ad " + text, phone()).company(text)
                .address(text).queue(text).processingStatus("P").customField("notlar", text).build());
        Customer read = crm.customers().get(admin, c.id());
        assertThat(read.fullName()).isEqualTo(("Ad " + text).strip().replaceAll("\\s+", " "));
        assertThat(read.company()).isEqualTo(text.strip());
        assertThat(read.address()).isEqualTo(text.strip());
        assertThat(read.customFields().get("notlar")).isEqualTo(text.strip());

        Activity note = crm.activities().addNote(admin, c.id(), text);
        assertThat(crm.activities().timeline(admin, c.id(), ActivityQuery.newest(10)).items())
                .filteredOn(a -> a.id() == note.id()).singleElement().extracting(Activity::text).isEqualTo(text);

        Product p = crm.products().add(admin, c.id(), NewProduct.builder("P-" + sequence).status(text).build());
        assertThat(crm.products().find(admin, p.productNo()).orElseThrow().status()).isEqualTo(text.strip());

        WorkItem w = crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, text).description(text)
                .customer(c.id()).build());
        assertThat(crm.workItems().get(admin, w.id()).description()).isEqualTo(text.strip());
        assertThat(crm.workItems().get(admin, w.id()).title()).isEqualTo(text.strip());

        crm.results().define(admin, ResultCode.builder("R" + sequence, text).build());
        assertThat(crm.results().list(admin)).extracting(ResultCode::label).contains(text.strip());

        crm.scripts().define(admin, Script.builder("s" + sequence, "Başlık", "<p>" + text + "</p>").build());
        assertThat(crm.scripts().find(admin, "s" + sequence).orElseThrow().html()).isEqualTo("<p>" + text + "</p>");

        crm.messages().defineTemplate(admin, MessageTemplate.builder("t" + sequence, "Şablon", text + " ").build());
        assertThat(crm.messages().templates(admin)).extracting(MessageTemplate::body).contains(text + " ");
        Message m = crm.messages().send(admin, c.id(), NewMessage.freeText(MessageChannel.WHATSAPP, text));
        assertThat(crm.messages().list(admin, c.id(), 10)).extracting(Message::text).containsExactly(m.text());
        assertThat(gateway.sent()).last().extracting(o -> o.text()).isEqualTo(text);

        Attachment a = crm.attachments().upload(admin, c.id(), NewAttachment.of(text.replace('/', '-').replace('\\', '-') + ".txt",
                null), new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(crm.attachments().list(admin, c.id())).containsExactly(a);
        try (var download = crm.attachments().download(admin, a.id())) {
            assertThat(new String(download.content().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
        }

        assertThat(crm.customers().count(admin, CustomerQuery.all())).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isSearchedForAsItselfAndMatchesOnlyCustomersHoldingIt(String text) {
        Customer holder = crm.customers().create(admin, NewCustomer.builder("Tutan Kişi", phone()).company("Firma " + text)
                .build());
        Customer other = crm.customers().create(admin, NewCustomer.builder("Başka Kişi", phone()).company("Firma abc").build());
        crm.customers().create(otherAdmin, NewCustomer.builder("Öteki Kiracı", phone()).company("Firma " + text).build());

        Page<Customer> found = crm.customers().search(admin, CustomerQuery.text(text));

        // Every word of the text must match somewhere; only the holder has them all (a text of
        // punctuation alone may be no search word at all, and then it lists everyone of the tenant).
        assertThat(found.items()).extracting(Customer::id).contains(holder.id());
        if (found.items().size() > 1) {
            assertThat(found.items()).extracting(Customer::id).containsExactlyInAnyOrder(holder.id(), other.id());
        }
        assertThat(crm.customers().search(admin, CustomerQuery.text(text + " yokboylebirkelime")).items()).isEmpty();
        assertThat(crm.customers().count(otherAdmin, CustomerQuery.all())).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void aNulCharacterIsRefusedInEveryTextInputAndNothingIsStored() {
        String nul = "a\u0000b";
        crm.customFields().define(admin, CustomFieldDefinition.builder("notlar", "Notlar", FieldType.TEXT).build());
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ali Veli", phone()).build());
        TenantState before = TenantState.of(crm, admin);
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> attempts = List.of(
                () -> crm.customers().create(admin, NewCustomer.builder(nul, phone()).build()),
                () -> crm.customers().create(admin, NewCustomer.builder("X", phone()).company(nul).build()),
                () -> crm.customers().create(admin, NewCustomer.builder("X", phone()).customField("notlar", nul).build()),
                () -> crm.customers().update(admin, dev.crmkit.core.customer.CustomerUpdate.of(c).address(nul).build()),
                () -> crm.customers().addPhone(admin, c.id(), new dev.crmkit.core.customer.NewPhone("0532 999 88 77",
                        dev.crmkit.core.customer.PhoneStatus.ACTIVE, false, nul)),
                () -> crm.activities().addNote(admin, c.id(), nul),
                () -> crm.products().add(admin, c.id(), NewProduct.builder("P-1").status(nul).build()),
                () -> crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, nul).build()),
                () -> crm.results().define(admin, ResultCode.builder("R", nul).build()),
                () -> crm.scripts().define(admin, Script.builder("s", "Başlık", nul).build()),
                () -> crm.messages().defineTemplate(admin, MessageTemplate.builder("t", "Şablon", nul).build()),
                () -> crm.messages().send(admin, c.id(), NewMessage.freeText(MessageChannel.SMS, nul)),
                () -> crm.customFields().define(admin, CustomFieldDefinition.builder("k", nul, FieldType.TEXT).build()),
                () -> crm.attachments().upload(admin, c.id(), NewAttachment.of(nul, null),
                        new ByteArrayInputStream(new byte[] {1})));

        for (int i = 0; i < attempts.size(); i++) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(attempts.get(i))).as("attempt %s", i)
                    .isInstanceOfSatisfying(dev.crmkit.core.CrmValidationException.class,
                            e -> assertThat(e.code()).isIn(dev.crmkit.core.ErrorCode.VALUE_INVALID,
                                    dev.crmkit.core.ErrorCode.CUSTOM_FIELD_INVALID));
        }
        assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        assertThat(gateway.calls()).isZero();
    }
}
