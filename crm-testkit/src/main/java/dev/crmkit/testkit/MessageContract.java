package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.customer.PhoneChange;
import dev.crmkit.core.customer.PhoneStatus;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageNotSentException;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.message.NewMessage;
import dev.crmkit.core.message.OutgoingMessage;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import dev.crmkit.core.message.BrowserHandOff;

/**
 * Messages as users observe them through {@link dev.crmkit.core.message.MessageService}: templates
 * filled in for the customer, free text only with the capability, what the gateway is given, the
 * message and its activity recorded together with the contact counters, and nothing recorded (nor
 * sent) when something fails.
 */
@DisplayName("Messages")
public abstract class MessageContract extends ContractSupport {

    private static final String PRIMARY = "+905321110001";
    private static final String SECOND = "+905321110002";

    protected Customer customer;
    protected Actor ayse;

    @BeforeEach
    void aCustomerAndTemplates() {
        crm.customFields().define(admin, CustomFieldDefinition.builder("borc", "Borç", FieldType.NUMBER).build());
        Customer c = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", PRIMARY)
                .customField("borc", new java.math.BigDecimal("1250.50")).build());
        customer = crm.customers().addPhone(admin, c.id(), NewPhone.of(SECOND));
        crm.messages().defineTemplate(admin, MessageTemplate.builder("hatirlatma", "Ödeme hatırlatma",
                "Sayın [MÜŞTERİ_ADI], [ALAN:borc] TL borcunuzu hatırlatırız. [BİLİNMEYEN]")
                .channels(MessageChannel.SMS, MessageChannel.WHATSAPP).build());
        crm.messages().defineTemplate(admin, MessageTemplate.builder("kampanya", "Kampanya", "Yeni kampanya!")
                .channels(MessageChannel.WHATSAPP).build());
        crm.permissions().grantGroup(admin, "agents", PermissionLevel.CONTRIBUTE);
        ayse = Actor.user(ACME, "ayse", "agents");
    }

    private List<Activity> timeline() {
        return crm.activities().timeline(admin, customer.id(), ActivityQuery.newest(50)).items();
    }

    private CustomerPhone phone(Customer c, String e164) {
        return c.phones().stream().filter(p -> p.number().equals(PhoneNumber.of(e164))).findFirst().orElseThrow();
    }

    @Nested
    @DisplayName("templates")
    class Templates {

        @Test
        void areListedByKeyWithTheirChannelsAndCanBeRedefinedAndDeleted() {
            assertThat(crm.messages().templates(ayse)).extracting(MessageTemplate::key)
                    .containsExactly("hatirlatma", "kampanya");
            assertThat(crm.messages().templates(ayse).get(1).channels()).containsExactly(MessageChannel.WHATSAPP);

            crm.messages().redefineTemplate(admin, MessageTemplate.builder("kampanya", "Kampanya 2", "Bahar kampanyası")
                    .channels(MessageChannel.SMS).active(false).build());
            MessageTemplate changed = crm.messages().templates(admin).get(1);
            assertThat(changed.name()).isEqualTo("Kampanya 2");
            assertThat(changed.body()).isEqualTo("Bahar kampanyası");
            assertThat(changed.channels()).containsExactly(MessageChannel.SMS);
            assertThat(changed.active()).isFalse();

            crm.messages().deleteTemplate(admin, "kampanya");
            assertThat(crm.messages().templates(admin)).extracting(MessageTemplate::key).containsExactly("hatirlatma");
        }

        @Test
        void aTakenKeyOrAMissingTemplateIsRefusedByItsCode() {
            assertThatThrownBy(() -> crm.messages().defineTemplate(admin, MessageTemplate.builder("hatirlatma", "X", "Y").build()))
                    .isInstanceOf(ConflictException.class)
                    .extracting(e -> ((ConflictException) e).code()).isEqualTo(ErrorCode.MESSAGE_TEMPLATE_KEY_TAKEN);
            assertThatThrownBy(() -> crm.messages().redefineTemplate(admin, MessageTemplate.builder("yok", "X", "Y").build()))
                    .isInstanceOf(NotFoundException.class)
                    .extracting(e -> ((NotFoundException) e).code()).isEqualTo(ErrorCode.MESSAGE_TEMPLATE_NOT_FOUND);
            assertThatThrownBy(() -> crm.messages().deleteTemplate(admin, "yok"))
                    .isInstanceOf(NotFoundException.class);
            assertThat(crm.messages().templates(admin).get(0).name()).isEqualTo("Ödeme hatırlatma");
        }

        @Test
        void aTemplateIsCheckedWhenBuiltWithEveryProblemAtOnce() {
            assertThatThrownBy(() -> new MessageTemplate("Kötü Anahtar", " ", "x".repeat(2000), Set.of(MessageChannel.SMS), true))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(CrmValidationException.Violation::field)
                            .containsExactly("key", "name", "body"));
            assertThat(MessageTemplate.builder("uzun", "Uzun", "x".repeat(2000)).channels(MessageChannel.WHATSAPP).build()
                    .body()).hasSize(2000);
        }

        @Test
        void previewFillsInTheCustomerAsTheActorSeesItAndKeepsUnknownPlaceholders() {
            assertThat(crm.messages().preview(ayse, customer.id(), "hatirlatma"))
                    .isEqualTo("Sayın Ayşe Yılmaz, 1250.50 TL borcunuzu hatırlatırız. [BİLİNMEYEN]");
            assertThat(gateway.calls()).isZero();
        }

        @Test
        void aFieldTheSenderMayNotSeeFillsInAsNothing() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("gizli", "Gizli", FieldType.TEXT)
                    .visibleTo("managers").build());
            crm.customers().update(admin, CustomerUpdate.of(crm.customers().get(admin, customer.id()))
                    .customField("gizli", "sır").build());
            crm.messages().defineTemplate(admin, MessageTemplate.builder("gizli", "Gizli", "Değer: [ALAN:gizli].").build());

            assertThat(crm.messages().preview(ayse, customer.id(), "gizli")).isEqualTo("Değer: .");
            assertThat(crm.messages().preview(admin, customer.id(), "gizli")).isEqualTo("Değer: sır.");
        }
    }

    @Nested
    @DisplayName("sending")
    class Sending {

        @Test
        void aTemplateMessageGoesThroughTheGatewayFilledInAndIsRecordedWithItsActivity() {
            tick(Duration.ofMinutes(5));

            Message m = crm.messages().send(ayse, customer.id(), NewMessage.fromTemplate(MessageChannel.SMS, "hatirlatma"));

            String text = "Sayın Ayşe Yılmaz, 1250.50 TL borcunuzu hatırlatırız. [BİLİNMEYEN]";
            assertThat(gateway.sent()).hasSize(1);
            OutgoingMessage out = gateway.sent().get(0);
            assertThat(out.tenant()).isEqualTo(ACME);
            assertThat(out.channel()).isEqualTo(MessageChannel.SMS);
            assertThat(out.to()).isEqualTo(PhoneNumber.of(PRIMARY));
            assertThat(out.text()).isEqualTo(text);
            assertThat(out.toString()).doesNotContain(PRIMARY).doesNotContain("Ayşe");

            assertThat(m.id()).isPositive();
            assertThat(m.text()).isEqualTo(text);
            assertThat(m.templateKey()).isEqualTo("hatirlatma");
            assertThat(m.sender()).isEqualTo("ayse");
            assertThat(m.sentAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
            assertThat(m.reference()).isEqualTo(out.reference());
            assertThat(m.providerId()).isEqualTo("provider-1");
            assertThat(crm.messages().list(ayse, customer.id(), 10)).containsExactly(m);

            Activity a = timeline().get(0);
            assertThat(a.type()).isEqualTo(ActivityType.SMS);
            assertThat(a.actorId()).isEqualTo("ayse");
            assertThat(a.text()).isEqualTo(text);
            assertThat(a.data()).containsEntry("messageId", Long.toString(m.id())).containsEntry("phone", PRIMARY)
                    .containsEntry("template", "hatirlatma").containsEntry("reference", out.reference());
        }

        @Test
        void aMessageCountsAsAContactOnTheCustomerAndTheNumber() {
            Customer before = crm.customers().get(admin, customer.id());
            tick(Duration.ofMinutes(1));

            crm.messages().send(ayse, customer.id(), NewMessage.fromTemplate(MessageChannel.WHATSAPP, "kampanya").to("0532 111 00 02"));

            Customer after = crm.customers().get(admin, customer.id());
            assertThat(after.totalContacts()).isEqualTo(before.totalContacts() + 1);
            assertThat(after.lastContactAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
            assertThat(after.totalCalls()).isEqualTo(before.totalCalls());
            assertThat(phone(after, SECOND).todayContacts()).isEqualTo(1);
            assertThat(phone(after, SECOND).totalContacts()).isEqualTo(1);
            assertThat(phone(after, PRIMARY).totalContacts()).isZero();
            assertThat(timeline().get(0).type()).isEqualTo(ActivityType.WHATSAPP);
            assertThat(gateway.sent().get(0).to()).isEqualTo(PhoneNumber.of(SECOND));
        }

        @Test
        void messagesAreListedLastSentFirst() {
            Message first = crm.messages().send(admin, customer.id(), NewMessage.freeText(MessageChannel.SMS, "Bir"));
            tick();
            Message second = crm.messages().send(admin, customer.id(), NewMessage.freeText(MessageChannel.SMS, "İki"));
            tick();
            Message third = crm.messages().send(admin, customer.id(), NewMessage.freeText(MessageChannel.WHATSAPP, "Üç"));

            assertThat(crm.messages().list(admin, customer.id(), 10)).containsExactly(third, second, first);
            assertThat(crm.messages().list(admin, customer.id(), 2)).containsExactly(third, second);
            assertThat(first.templateKey()).isNull();
        }
    }

    @Nested
    @DisplayName("free text")
    class FreeText {

        @Test
        void needsTheCapabilityThroughAGroupAndIsRefusedWithoutSendingOrRecording() {
            TenantState before = TenantState.of(crm, admin);

            assertThatThrownBy(() -> crm.messages().send(ayse, customer.id(), NewMessage.freeText(MessageChannel.SMS, "Merhaba")))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining(Capability.FREE_TEXT_MESSAGES.name());
            assertThat(gateway.calls()).isZero();
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);

            crm.permissions().grantCapability(admin, "agents", Capability.FREE_TEXT_MESSAGES);
            Message m = crm.messages().send(ayse, customer.id(), NewMessage.freeText(MessageChannel.SMS, "Merhaba <b>"));
            assertThat(m.text()).isEqualTo("Merhaba <b>");
            assertThat(gateway.sent()).extracting(OutgoingMessage::text).containsExactly("Merhaba <b>");

            crm.permissions().revokeCapability(admin, "agents", Capability.FREE_TEXT_MESSAGES);
            assertThatThrownBy(() -> crm.messages().send(ayse, customer.id(), NewMessage.freeText(MessageChannel.SMS, "Yine")))
                    .isInstanceOf(PermissionDeniedException.class);
        }

        @Test
        void isLimitedToWhatTheChannelCarries() {
            assertThatThrownBy(() -> NewMessage.freeText(MessageChannel.SMS, "x".repeat(MessageChannel.SMS.maxLength() + 1)))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_TOO_LONG));
            assertThat(NewMessage.freeText(MessageChannel.WHATSAPP, "x".repeat(MessageChannel.SMS.maxLength() + 1)).text())
                    .hasSize(MessageChannel.SMS.maxLength() + 1);
            assertThatThrownBy(() -> NewMessage.freeText(MessageChannel.SMS, "   "))
                    .isInstanceOf(CrmValidationException.class);
        }
    }

    @Nested
    @DisplayName("WhatsApp without a gateway: handed to the agent's browser")
    class HandedToTheBrowser {

        private Crm noGateway;

        @BeforeEach
        void aHostWithoutAGateway() {
            noGateway = Crm.builder(storage).userDirectory(users).clock(clock).build();
            crm.permissions().grantCapability(admin, "agents", Capability.FREE_TEXT_MESSAGES);
        }

        @Test
        @DisplayName("the link carries the international digits and the text URL-encoded: Turkish letters, &, #, line breaks")
        void theLinkCarriesTheNumberAndTheEncodedText() {
            tick(Duration.ofMinutes(2));
            String text = "Sayın Işıl Öztürk,\nödemeniz & faturanız #42 hazır.\r\nİyi günler";

            BrowserHandOff handOff = noGateway.messages().handToBrowser(ayse, customer.id(),
                    NewMessage.freeText(MessageChannel.WHATSAPP, text).to(SECOND));

            assertThat(handOff.link()).isEqualTo("https://wa.me/905321110002?text="
                    + "Say%C4%B1n%20I%C5%9F%C4%B1l%20%C3%96zt%C3%BCrk%2C%0A%C3%B6demeniz%20%26%20fatura"
                    + "n%C4%B1z%20%2342%20haz%C4%B1r.%0D%0A%C4%B0yi%20g%C3%BCnler");
            assertThat(java.net.URLDecoder.decode(handOff.link().substring(handOff.link().indexOf('=') + 1),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
            Message m = handOff.message();
            assertThat(m.text()).isEqualTo(text);
            assertThat(m.to()).isEqualTo(PhoneNumber.of(SECOND));
            assertThat(m.sender()).isEqualTo("ayse");
            assertThat(m.providerId()).isNull();
            assertThat(crm.messages().list(admin, customer.id(), 10)).containsExactly(m);
            Activity a = timeline().get(0);
            assertThat(a.type()).isEqualTo(ActivityType.WHATSAPP);
            assertThat(a.text()).startsWith("Handed to the agent's browser").endsWith(text);
            assertThat(a.data()).containsEntry("delivery", "browser").containsEntry("messageId", Long.toString(m.id()));
            assertThat(phone(crm.customers().get(admin, customer.id()), SECOND).totalContacts()).isEqualTo(1);
            assertThat(gateway.calls()).isZero();
        }

        @Test
        void aTemplateIsFilledInAsTheAgentMaySeeIt() {
            BrowserHandOff handOff = noGateway.messages().handToBrowser(ayse, customer.id(),
                    NewMessage.fromTemplate(MessageChannel.WHATSAPP, "kampanya"));
            assertThat(handOff.link()).isEqualTo("https://wa.me/905321110001?text=Yeni%20kampanya%21");
        }

        @Test
        @DisplayName("the checks of sending apply: free text needs the capability, SMS is refused; nothing is recorded")
        void theChecksOfSendingApply() {
            crm.permissions().revokeCapability(admin, "agents", Capability.FREE_TEXT_MESSAGES);
            assertFails(PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED, () -> noGateway.messages()
                    .handToBrowser(ayse, customer.id(), NewMessage.freeText(MessageChannel.WHATSAPP, "Merhaba")));
            assertFails(CrmValidationException.class, ErrorCode.VALUE_INVALID, () -> noGateway.messages()
                    .handToBrowser(admin, customer.id(), NewMessage.freeText(MessageChannel.SMS, "Merhaba")));
            assertThat(crm.messages().list(admin, customer.id(), 10)).isEmpty();
        }
    }

    @Nested
    @DisplayName("failures")
    class Failures {

        @Test
        void aGatewayFailureIsReportedAndNothingIsRecorded() {
            TenantState before = TenantState.of(crm, admin);
            gateway.failWith(new IllegalStateException("operator unreachable"));

            assertThatThrownBy(() -> crm.messages().send(ayse, customer.id(), NewMessage.fromTemplate(MessageChannel.SMS, "hatirlatma")))
                    .isInstanceOfSatisfying(MessageNotSentException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_NOT_SENT);
                        assertThat(e.reference()).isNotBlank();
                        assertThat(e).hasMessageContaining("operator unreachable").hasRootCauseMessage("operator unreachable");
                    });
            assertThat(gateway.calls()).isEqualTo(1);
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);

            gateway.failWith(null);
            crm.messages().send(ayse, customer.id(), NewMessage.fromTemplate(MessageChannel.SMS, "hatirlatma"));
            assertThat(crm.messages().list(admin, customer.id(), 10)).hasSize(1);
            assertThat(timeline()).filteredOn(a -> a.type() == ActivityType.SMS).hasSize(1);
        }

        @Test
        void withoutAGatewaySendingFailsAsNotSent() {
            Crm noGateway = Crm.builder(storage).userDirectory(users).clock(clock).build();

            assertThatThrownBy(() -> noGateway.messages().send(admin, customer.id(), NewMessage.freeText(MessageChannel.SMS, "Hi")))
                    .isInstanceOfSatisfying(MessageNotSentException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_NOT_SENT));
            assertThat(crm.messages().list(admin, customer.id(), 10)).isEmpty();
        }

        @Test
        void aNumberMarkedInvalidIsNotMessaged() {
            crm.customers().updatePhone(admin, customer.id(), SECOND, PhoneChange.status(PhoneStatus.INVALID));

            assertThatThrownBy(() -> crm.messages().send(admin, customer.id(),
                    NewMessage.freeText(MessageChannel.SMS, "Hi").to(SECOND)))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PHONE_NOT_REACHABLE));
            assertThat(gateway.calls()).isZero();
        }

        @Test
        void anInactiveTemplateOrOneForAnotherChannelIsRefusedBeforeSending() {
            crm.messages().redefineTemplate(admin, MessageTemplate.builder("kampanya", "Kampanya", "Yeni kampanya!")
                    .channels(MessageChannel.WHATSAPP).active(false).build());

            assertThatThrownBy(() -> crm.messages().send(admin, customer.id(), NewMessage.fromTemplate(MessageChannel.WHATSAPP, "kampanya")))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TEMPLATE_INACTIVE));
            crm.messages().defineTemplate(admin, MessageTemplate.builder("wa", "WA", "Merhaba").channels(MessageChannel.WHATSAPP).build());
            assertThatThrownBy(() -> crm.messages().send(admin, customer.id(), NewMessage.fromTemplate(MessageChannel.SMS, "wa")))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TEMPLATE_INACTIVE));
            assertThatThrownBy(() -> crm.messages().send(admin, customer.id(), NewMessage.fromTemplate(MessageChannel.SMS, "yok")))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TEMPLATE_NOT_FOUND));
            assertThat(gateway.calls()).isZero();
        }

        @Test
        void aTemplateThatFillsInTooLongForSmsIsRefused() {
            crm.customers().update(admin, CustomerUpdate.of(crm.customers().get(admin, customer.id()))
                    .company("Ş".repeat(200)).build());
            crm.messages().defineTemplate(admin, MessageTemplate.builder("uzun", "Uzun",
                    "[ŞİRKET] ".repeat(8)).build());

            assertThatThrownBy(() -> crm.messages().send(admin, customer.id(), NewMessage.fromTemplate(MessageChannel.SMS, "uzun")))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_TOO_LONG));
            assertThat(gateway.calls()).isZero();
        }

        @Test
        void anUnknownCustomerOrNumberIsNotFound() {
            assertThatThrownBy(() -> crm.messages().send(admin, 987_654_321L, NewMessage.freeText(MessageChannel.SMS, "Hi")))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND));
            assertThatThrownBy(() -> crm.messages().send(admin, customer.id(),
                    NewMessage.freeText(MessageChannel.SMS, "Hi").to("0532 999 99 99")))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PHONE_NOT_FOUND));
            assertThat(gateway.calls()).isZero();
        }
    }

    @Nested
    @DisplayName("customer deletion")
    class Deletion {

        @Test
        void removesTheCustomersMessagesAndKeepsTheTemplates() {
            crm.messages().send(admin, customer.id(), NewMessage.freeText(MessageChannel.SMS, "Bir"));
            Customer other = crm.customers().create(admin, NewCustomer.builder("Mehmet Kaya", "0532 111 00 09").build());
            Message kept = crm.messages().send(admin, other.id(), NewMessage.freeText(MessageChannel.SMS, "İki"));

            crm.customers().delete(admin, customer.id());

            assertThat(crm.messages().list(admin, other.id(), 10)).containsExactly(kept);
            assertThat(crm.messages().templates(admin)).hasSize(2);
            Customer again = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", PRIMARY).build());
            assertThat(crm.messages().list(admin, again.id(), 10)).isEmpty();
        }
    }
}
