package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.script.Script;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Call scripts as users observe them through {@link dev.crmkit.core.script.ScriptService}:
 * definitions, visibility by group, per-queue lists, and rendering with every value escaped.
 */
@DisplayName("Call scripts")
public abstract class ScriptContract extends ContractSupport {

    private static final String GREETING = "<p>Merhaba <b>[MÜŞTERİ_ADI]</b>, [ŞİRKET] adına arıyorum.</p>"
            + "<p>Numaranız [TELEFON], müşteri no [MÜŞTERİ_NO]. Limit: [ALAN:limit] [BİLİNMEYEN]</p>";

    protected Customer customer;
    protected Actor agent;
    protected Actor finance;

    @BeforeEach
    void scriptsAndACustomer() {
        crm.customFields().define(admin, CustomFieldDefinition.builder("limit", "Limit", FieldType.NUMBER)
                .visibleTo("managers").build());
        customer = crm.customers().create(admin, NewCustomer.builder("Ayşe <script>alert('x')</script> Yılmaz",
                "0532 111 00 01").company("Tom & Jerry \"Ltd\"").customField("limit", new BigDecimal("5000.00")).build());
        crm.scripts().define(admin, Script.builder("karsilama", "Karşılama", GREETING).queue("satis").build());
        crm.scripts().define(admin, Script.builder("tahsilat", "Tahsilat", "<p>[MÜŞTERİ_ADI] borcu</p>")
                .visibleTo("finance").build());
        crm.scripts().define(admin, Script.builder("genel", "Genel", "<p>[CUSTOMER_NAME] / [EMAIL]</p>").build());
        agent = Actor.user(ACME, "ayse", "agents");
        finance = Actor.user(ACME, "zeynep", "finance");
    }

    @Nested
    @DisplayName("rendering")
    class Rendering {

        @Test
        void fillsThePlaceholdersWithEscapedValues() {
            String html = crm.scripts().render(admin, "karsilama", customer.id());

            assertThat(html).isEqualTo("<p>Merhaba <b>Ayşe &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Yılmaz</b>,"
                    + " Tom &amp; Jerry &quot;Ltd&quot; adına arıyorum.</p><p>Numaranız +905321110001, müşteri no "
                    + customer.id() + ". Limit: 5000.00 [BİLİNMEYEN]</p>");
            assertThat(html).doesNotContain("<script>");
        }

        @Test
        void aFieldTheActorMayNotSeeFillsInAsNothingAndEmptyValuesToo() {
            String html = crm.scripts().render(agent, "karsilama", customer.id());
            assertThat(html).contains("Limit:  [BİLİNMEYEN]").doesNotContain("5000");
            assertThat(crm.scripts().render(agent, "genel", customer.id()))
                    .isEqualTo("<p>Ayşe &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Yılmaz / </p>");
        }

        @Test
        void aScriptTheActorMayNotSeeIsNotFoundAndSoIsAnUnknownCustomer() {
            assertThatThrownBy(() -> crm.scripts().render(agent, "tahsilat", customer.id()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_NOT_FOUND));
            assertThat(crm.scripts().render(finance, "tahsilat", customer.id())).startsWith("<p>Ayşe &lt;script&gt;");
            assertThatThrownBy(() -> crm.scripts().render(admin, "karsilama", customer.id() + 1000))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND));
        }
    }

    @Nested
    @DisplayName("visibility and lists")
    class Visibility {

        @Test
        void groupsSeeTheirScriptsAndManagersSeeAll() {
            assertThat(crm.scripts().list(admin, null)).extracting(Script::key).containsExactly("genel", "karsilama", "tahsilat");
            assertThat(crm.scripts().list(agent, null)).extracting(Script::key).containsExactly("genel", "karsilama");
            assertThat(crm.scripts().list(finance, null)).extracting(Script::key).containsExactly("genel", "karsilama", "tahsilat");
            assertThat(crm.scripts().find(agent, "tahsilat")).isEmpty();
            assertThat(crm.scripts().find(finance, "tahsilat")).isPresent();

            crm.permissions().grantUser(admin, "ayse", PermissionLevel.MANAGE);
            assertThat(crm.scripts().list(agent, null)).extracting(Script::key).contains("tahsilat");
        }

        @Test
        void aQueueListsItsScriptsAndThoseForEveryQueue() {
            crm.scripts().define(admin, Script.builder("iade", "İade", "<p>iade</p>").queue("destek").build());
            assertThat(crm.scripts().list(admin, "satis")).extracting(Script::key).containsExactly("genel", "karsilama", "tahsilat");
            assertThat(crm.scripts().list(admin, "destek")).extracting(Script::key).containsExactly("genel", "iade", "tahsilat");
        }
    }

    @Nested
    @DisplayName("definitions")
    class Definitions {

        @Test
        void areStoredAsGivenUniqueByKeyReplacedAndDeleted() {
            Script stored = crm.scripts().find(admin, "karsilama").orElseThrow();
            assertThat(stored.html()).isEqualTo(GREETING);
            assertThat(stored.queue()).isEqualTo("satis");
            assertThat(crm.scripts().find(admin, "tahsilat").orElseThrow().visibleTo()).containsExactly("finance");

            TenantState before = TenantState.of(crm, admin);
            assertThatThrownBy(() -> crm.scripts().define(admin, Script.builder("genel", "Başka", "<p>x</p>").build()))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_KEY_TAKEN));
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);

            Script changed = stored.toBuilder().visibleTo("managers").queue(null).build();
            crm.scripts().redefine(admin, changed);
            assertThat(crm.scripts().find(admin, "karsilama")).contains(changed);
            assertThat(crm.scripts().find(agent, "karsilama")).isEmpty();

            crm.scripts().delete(admin, "karsilama");
            assertThat(crm.scripts().find(admin, "karsilama")).isEmpty();
            assertThatThrownBy(() -> crm.scripts().delete(admin, "karsilama"))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_NOT_FOUND));
            assertThatThrownBy(() -> crm.scripts().redefine(admin, changed))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_NOT_FOUND));
            assertThat(crm.activities().auditLog(admin, 10)).extracting(a -> a.action() + " " + a.subject())
                    .contains("SCRIPT_DELETED karsilama", "SCRIPT_REDEFINED karsilama", "SCRIPT_DEFINED genel");
        }

        @Test
        void badScriptsAreRefusedWithEveryProblem() {
            assertThatThrownBy(() -> Script.builder("Büyük Harf", " ", "  ").build())
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(CrmValidationException.Violation::field).containsExactly("key", "title", "html"));
            assertThatThrownBy(() -> Script.builder("uzun", "Uzun", "x".repeat(Script.MAX_HTML + 1)).build())
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_TOO_LONG));
        }

        @Test
        void otherTenantsHaveTheirOwn() {
            assertThat(crm.scripts().list(otherAdmin, null)).isEmpty();
            crm.scripts().define(otherAdmin, Script.builder("genel", "Globex", "<p>g</p>").build());
            assertThat(crm.scripts().find(admin, "genel").orElseThrow().title()).isEqualTo("Genel");
            assertThatThrownBy(() -> crm.scripts().render(otherAdmin, "genel", customer.id()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND));
        }
    }
}
