package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.Grants;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Permission levels and grants through {@link dev.crmkit.core.permission.PermissionService}: VIEW by
 * default, group grants (the highest of the actor's groups), a user's own grant over them, MANAGE for
 * admins whatever is granted, and refused calls that change nothing.
 */
@DisplayName("Permissions")
public abstract class PermissionContract extends ContractSupport {

    private Actor ayse() {
        return Actor.user(ACME, "ayse", "agents");
    }

    private Actor mehmet() {
        return Actor.user(ACME, "mehmet", "agents");
    }

    private Actor zeynep() {
        return Actor.user(ACME, "zeynep", "finance");
    }

    private PermissionLevel levelOf(Actor actor) {
        return crm.permissions().levelOf(actor);
    }

    private Customer newCustomer() {
        return crm.customers().create(admin, NewCustomer.builder("Ali Veli", "0532 100 00 01").build());
    }

    private static void assertCode(Throwable thrown, ErrorCode code) {
        assertThat(thrown).isInstanceOf(CrmException.class);
        assertThat(((CrmException) thrown).code()).isEqualTo(code);
    }

    /** Runs the call, expects it to be refused as a permission failure, and expects no change. */
    private void assertDeniedWithoutChange(ThrowingCallable call) {
        TenantState before = TenantState.of(crm, admin);
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
        assertCode(thrown, ErrorCode.PERMISSION_DENIED);
        assertThat(TenantState.of(crm, admin)).isEqualTo(before);
    }

    @Nested
    @DisplayName("the effective level")
    class EffectiveLevel {

        @Test
        @DisplayName("is VIEW for a user without any grant")
        void defaultIsView() {
            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.VIEW);
            assertThat(levelOf(Actor.user(ACME, "nobody"))).isEqualTo(PermissionLevel.VIEW);
        }

        @Test
        @DisplayName("is a group's grant for a member without a grant of their own")
        void groupGrantApplies() {
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.EDIT);

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.EDIT);
            assertThat(levelOf(mehmet())).isEqualTo(PermissionLevel.EDIT);
            assertThat(levelOf(zeynep())).isEqualTo(PermissionLevel.VIEW);
        }

        @Test
        @DisplayName("is the highest grant of the actor's groups")
        void highestGroupGrantWins() {
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.CONTRIBUTE);
            crm.permissions().grantGroup(admin, "finance", PermissionLevel.EDIT);
            crm.permissions().grantGroup(admin, "interns", PermissionLevel.NONE);

            assertThat(levelOf(Actor.user(ACME, "ayse", "agents", "finance", "interns")))
                    .isEqualTo(PermissionLevel.EDIT);
            assertThat(levelOf(Actor.user(ACME, "ayse", "interns", "agents"))).isEqualTo(PermissionLevel.CONTRIBUTE);
        }

        @Test
        @DisplayName("can be lowered to NONE by a group grant")
        void groupGrantCanLowerToNone() {
            Customer c = newCustomer();
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.NONE);

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.NONE);
            assertThat(catchThrowable(() -> crm.customers().get(ayse(), c.id())))
                    .isInstanceOf(PermissionDeniedException.class);
        }

        @Test
        @DisplayName("is the user's own grant, above a higher group grant")
        void ownGrantOverridesHigherGroupGrant() {
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.EDIT);
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.VIEW);

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.VIEW);
            assertThat(levelOf(mehmet())).isEqualTo(PermissionLevel.EDIT);
        }

        @Test
        @DisplayName("is the user's own grant, above a lower group grant")
        void ownGrantOverridesLowerGroupGrant() {
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.NONE);
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.EDIT);

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.EDIT);
            assertThat(levelOf(mehmet())).isEqualTo(PermissionLevel.NONE);
        }

        @Test
        @DisplayName("can be lowered to NONE by the user's own grant, whatever the groups have")
        void ownGrantCanLowerToNone() {
            Customer c = newCustomer();
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.MANAGE);
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.NONE);

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.NONE);
            assertThat(catchThrowable(() -> crm.customers().get(ayse(), c.id())))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThat(crm.customers().get(mehmet(), c.id()).id()).isEqualTo(c.id());
        }

        @Test
        @DisplayName("is MANAGE for an admin, whatever their groups are granted")
        void adminIsAlwaysManage() {
            crm.permissions().grantGroup(admin, "managers", PermissionLevel.NONE);

            assertThat(levelOf(admin)).isEqualTo(PermissionLevel.MANAGE);
            assertThat(levelOf(Actor.admin(ACME, "boss"))).isEqualTo(PermissionLevel.MANAGE);
            assertThatCode(() -> crm.permissions().grants(admin)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("takes a new grant into account on the very next call")
        void grantTakesEffectAtOnce() {
            Customer c = newCustomer();
            assertThat(crm.customers().get(ayse(), c.id()).id()).isEqualTo(c.id());

            crm.permissions().grantUser(admin, "ayse", PermissionLevel.NONE);

            assertThat(catchThrowable(() -> crm.customers().get(ayse(), c.id())))
                    .isInstanceOf(PermissionDeniedException.class);
        }

        @Test
        @DisplayName("may be asked for by any actor, even one with NONE")
        void levelIsReadableWithNone() {
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.NONE);

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.NONE);
            assertThat(crm.permissions().can(ayse(), Operation.CUSTOMER_READ)).isFalse();
        }
    }

    @Nested
    @DisplayName("granting and revoking")
    class Granting {

        @Test
        @DisplayName("a second grant to the same user replaces the first")
        void secondGrantReplaces() {
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.EDIT);
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.CONTRIBUTE);

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.CONTRIBUTE);
            assertThat(crm.permissions().grants(admin).users()).containsExactly(Map.entry("ayse", PermissionLevel.CONTRIBUTE));
        }

        @Test
        @DisplayName("revoking a user's grant brings back the group level")
        void revokeUserRestoresGroupLevel() {
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.EDIT);
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.NONE);

            crm.permissions().revokeUser(admin, "ayse");

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.EDIT);
            assertThat(crm.permissions().grants(admin).users()).isEmpty();
        }

        @Test
        @DisplayName("revoking a user's grant without group grants brings back VIEW")
        void revokeUserRestoresDefault() {
            crm.permissions().grantUser(admin, "ayse", PermissionLevel.MANAGE);

            crm.permissions().revokeUser(admin, "ayse");

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.VIEW);
        }

        @Test
        @DisplayName("revoking a group's grant brings back VIEW for its members")
        void revokeGroupRestoresDefault() {
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.NONE);

            crm.permissions().revokeGroup(admin, "agents");

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.VIEW);
            assertThat(crm.permissions().grants(admin).groups()).isEmpty();
        }

        @Test
        @DisplayName("revoking a grant that does not exist changes nothing")
        void revokingMissingGrantChangesNothing() {
            crm.permissions().grantUser(admin, "mehmet", PermissionLevel.EDIT);
            crm.permissions().grantGroup(admin, "finance", PermissionLevel.CONTRIBUTE);
            Grants before = crm.permissions().grants(admin);

            crm.permissions().revokeUser(admin, "ayse");
            crm.permissions().revokeGroup(admin, "agents");

            assertThat(crm.permissions().grants(admin)).isEqualTo(before);
        }

        @Test
        @DisplayName("grants() lists every user and group grant of the tenant")
        void grantsListsEverything() {
            assertThat(crm.permissions().grants(admin).users()).isEmpty();
            assertThat(crm.permissions().grants(admin).groups()).isEmpty();

            crm.permissions().grantUser(admin, "ayse", PermissionLevel.CONTRIBUTE);
            crm.permissions().grantUser(admin, "mehmet", PermissionLevel.NONE);
            crm.permissions().grantGroup(admin, "finance", PermissionLevel.EDIT);
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.VIEW);

            Grants grants = crm.permissions().grants(admin);
            assertThat(grants.users()).isEqualTo(Map.of(
                    "ayse", PermissionLevel.CONTRIBUTE, "mehmet", PermissionLevel.NONE));
            assertThat(grants.groups()).isEqualTo(Map.of(
                    "finance", PermissionLevel.EDIT, "agents", PermissionLevel.VIEW));
        }

        @Test
        @DisplayName("users() lists the tenant's users as the directory does, by username, to choose a representative")
        void usersAreTheDirectorysOwn() {
            users.add(ACME, DirectoryUser.of("can", "Can Öz", "agents"));

            assertThat(crm.permissions().users(userWithLevel("probe", PermissionLevel.CONTRIBUTE, "probes")))
                    .extracting(DirectoryUser::username)
                    .containsExactly("ayse", "boss", "can", "mehmet", "probe", "zeynep");
            assertThat(crm.permissions().users(admin)).contains(DirectoryUser.of("can", "Can Öz", "agents"));
        }

        @Test
        @DisplayName("users() is empty when the directory cannot list its users")
        void aDirectoryThatCannotListGivesNoUsers() {
            Crm lookupsOnly = Crm.builder(storage).userDirectory((tenant, username) -> users.find(tenant, username))
                    .clock(clock).build();

            assertThat(lookupsOnly.permissions().users(admin)).isEmpty();
        }

        @Test
        @DisplayName("a MANAGE user who is not an admin may grant and revoke")
        void manageUserMayGrant() {
            Actor manager = userWithLevel("merve", PermissionLevel.MANAGE, "managers");

            crm.permissions().grantUser(manager, "ayse", PermissionLevel.EDIT);
            crm.permissions().grantGroup(manager, "finance", PermissionLevel.CONTRIBUTE);
            crm.permissions().revokeGroup(manager, "finance");

            assertThat(levelOf(ayse())).isEqualTo(PermissionLevel.EDIT);
            assertThat(levelOf(zeynep())).isEqualTo(PermissionLevel.VIEW);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = PermissionLevel.class, names = {"NONE", "VIEW", "CONTRIBUTE", "EDIT"})
        @DisplayName("an admin user cannot be granted less than MANAGE: ADMIN_LEVEL_FIXED, nothing changes")
        void adminCannotBeLowered(PermissionLevel level) {
            TenantState before = TenantState.of(crm, admin);

            Throwable thrown = catchThrowable(() -> crm.permissions().grantUser(admin, "boss", level));

            assertCode(thrown, ErrorCode.ADMIN_LEVEL_FIXED);
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
            assertThat(levelOf(admin)).isEqualTo(PermissionLevel.MANAGE);
        }

        @Test
        @DisplayName("a MANAGE user cannot lower an admin either")
        void manageUserCannotLowerAdmin() {
            Actor manager = userWithLevel("merve", PermissionLevel.MANAGE, "managers");

            Throwable thrown = catchThrowable(() -> crm.permissions().grantUser(manager, "boss", PermissionLevel.VIEW));

            assertCode(thrown, ErrorCode.ADMIN_LEVEL_FIXED);
            assertThat(crm.permissions().grants(admin).users()).doesNotContainKey("boss");
        }

        @Test
        @DisplayName("granting MANAGE to an admin user is accepted")
        void adminMayBeGrantedManage() {
            crm.permissions().grantUser(admin, "boss", PermissionLevel.MANAGE);

            assertThat(levelOf(admin)).isEqualTo(PermissionLevel.MANAGE);
        }

        @Test
        @DisplayName("a grant to a user the directory does not know is refused with USER_UNKNOWN")
        void unknownUserIsRefused() {
            TenantState before = TenantState.of(crm, admin);

            Throwable thrown = catchThrowable(() -> crm.permissions().grantUser(admin, "ghost", PermissionLevel.EDIT));

            assertCode(thrown, ErrorCode.USER_UNKNOWN);
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        }

        @Test
        @DisplayName("a user known only in another tenant is unknown here")
        void userOfAnotherTenantIsUnknown() {
            users.add(GLOBEX, DirectoryUser.of("kemal", "Kemal Sunal", "agents"));

            Throwable thrown = catchThrowable(() -> crm.permissions().grantUser(admin, "kemal", PermissionLevel.EDIT));

            assertCode(thrown, ErrorCode.USER_UNKNOWN);
            assertThat(crm.permissions().grants(admin).users()).isEmpty();
        }

        @Test
        @DisplayName("a group grant needs a group name: VALUE_INVALID")
        void groupNameIsRequired() {
            Throwable thrown = catchThrowable(() -> crm.permissions().grantGroup(admin, " ", PermissionLevel.EDIT));

            assertCode(thrown, ErrorCode.VALUE_INVALID);
            assertThat(crm.permissions().grants(admin).groups()).isEmpty();
        }
    }

    @Nested
    @DisplayName("can(actor, operation)")
    class Can {

        @ParameterizedTest(name = "{0}")
        @EnumSource(PermissionLevel.class)
        @DisplayName("answers whether the actor's level includes the operation's level")
        void followsLevels(PermissionLevel level) {
            Actor actor = userWithLevel("probe", level, "probes");

            for (Operation op : Operation.values()) {
                assertThat(crm.permissions().can(actor, op)).as("%s with %s", op, level)
                        .isEqualTo(level.compareTo(op.required()) >= 0);
            }
        }

        @Test
        @DisplayName("is true for every operation for an admin")
        void adminCanEverything() {
            for (Operation op : Operation.values()) {
                assertThat(crm.permissions().can(admin, op)).as("%s", op).isTrue();
            }
        }

        @Test
        @DisplayName("follows the levels of the specification")
        void operationsNeedTheSpecifiedLevels() {
            Set<Operation> view = EnumSet.of(Operation.CUSTOMER_READ, Operation.ACTIVITY_READ, Operation.FIELD_READ,
                    Operation.PERMISSION_READ_OWN, Operation.IMPORT_READ, Operation.RESULT_READ,
                    Operation.PRODUCT_READ, Operation.SCRIPT_READ, Operation.WORK_READ,
                    Operation.CALL_READ, Operation.MESSAGE_READ, Operation.ATTACHMENT_READ);
            Set<Operation> contribute = EnumSet.copyOf(view);
            contribute.addAll(EnumSet.of(Operation.CUSTOMER_CREATE, Operation.NOTE_ADD, Operation.CONTACT_RECORD,
                    Operation.IMPORT_NEW, Operation.IMPORT_CANCEL, Operation.RESULT_APPLY, Operation.WORK_WRITE,
                    Operation.CALL_RECORD, Operation.MESSAGE_SEND, Operation.ATTACHMENT_ADD, Operation.USER_LIST));
            Set<Operation> edit = EnumSet.copyOf(contribute);
            edit.addAll(EnumSet.of(Operation.CUSTOMER_UPDATE, Operation.CUSTOMER_DELETE, Operation.PHONE_ADD,
                    Operation.PHONE_UPDATE, Operation.PHONE_REMOVE, Operation.IMPORT_UPDATE, Operation.IMPORT_UNDO,
                    Operation.PRODUCT_MANAGE, Operation.WORK_DELETE, Operation.ATTACHMENT_DELETE));
            Map<PermissionLevel, Set<Operation>> allowed = Map.of(
                    PermissionLevel.NONE, EnumSet.of(Operation.PERMISSION_READ_OWN),
                    PermissionLevel.VIEW, view,
                    PermissionLevel.CONTRIBUTE, contribute,
                    PermissionLevel.EDIT, edit,
                    PermissionLevel.MANAGE, EnumSet.allOf(Operation.class));

            for (PermissionLevel level : PermissionLevel.values()) {
                Actor actor = userWithLevel("probe", level, "probes");
                for (Operation op : Operation.values()) {
                    assertThat(crm.permissions().can(actor, op)).as("%s with %s", op, level)
                            .isEqualTo(allowed.get(level).contains(op));
                }
            }
        }
    }

    @Nested
    @DisplayName("a refused call")
    class Refused {

        @Test
        @DisplayName("creating a customer with VIEW is refused and stores nothing")
        void createWithView() {
            assertDeniedWithoutChange(() -> crm.customers().create(ayse(),
                    NewCustomer.builder("Ali Veli", "0532 100 00 01").build()));
            assertThat(crm.customers().count(admin, CustomerQuery.all())).isZero();
            assertThat(crm.customers().findByPhone(admin, "0532 100 00 01")).isEmpty();
        }

        @Test
        @DisplayName("updating a customer with CONTRIBUTE is refused and changes nothing")
        void updateWithContribute() {
            Customer c = newCustomer();
            Actor contributor = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");

            assertDeniedWithoutChange(() -> crm.customers().update(contributor,
                    CustomerUpdate.of(c).fullName("Someone Else").build()));
            Customer after = crm.customers().get(admin, c.id());
            assertThat(after.version()).isEqualTo(c.version());
            assertThat(after.fullName()).isEqualTo("Ali Veli");
        }

        @Test
        @DisplayName("deleting a customer with CONTRIBUTE is refused and the customer stays")
        void deleteWithContribute() {
            Customer c = newCustomer();
            Actor contributor = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");

            assertDeniedWithoutChange(() -> crm.customers().delete(contributor, c.id()));
            assertThat(crm.customers().get(admin, c.id())).isEqualTo(c);
        }

        @Test
        @DisplayName("adding a note with VIEW is refused and the timeline stays as it was")
        void noteWithView() {
            Customer c = newCustomer();

            assertDeniedWithoutChange(() -> crm.activities().addNote(ayse(), c.id(), "hello"));
            assertThat(crm.activities().timeline(admin, c.id(), ActivityQuery.newest()).items()).hasSize(1);
        }

        @Test
        @DisplayName("reading with NONE is refused")
        void readWithNone() {
            Customer c = newCustomer();
            Actor none = userWithLevel("ayse", PermissionLevel.NONE, "agents");

            assertDeniedWithoutChange(() -> crm.customers().get(none, c.id()));
            assertDeniedWithoutChange(() -> crm.customers().search(none, CustomerQuery.all()));
            assertDeniedWithoutChange(() -> crm.activities().timeline(none, c.id(), ActivityQuery.newest()));
            assertDeniedWithoutChange(() -> crm.activities().feed(none, ActivityQuery.newest()));
            assertDeniedWithoutChange(() -> crm.customFields().list(none));
        }

        @Test
        @DisplayName("revealing a national id with EDIT is refused")
        void revealWithEdit() {
            Customer c = crm.customers().create(admin,
                    NewCustomer.builder("Ali Veli", "0532 100 00 01").nationalId("10000000146").build());
            Actor editor = userWithLevel("ayse", PermissionLevel.EDIT, "agents");

            Throwable thrown = catchThrowable(() -> crm.customers().revealNationalId(editor, c.id()));

            assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
            assertThat(thrown.getMessage()).doesNotContain("10000000146");
            assertThat(crm.customers().get(editor, c.id()).nationalId()).isEqualTo("*******0146");
        }

        @Test
        @DisplayName("granting with EDIT is refused and no grant changes")
        void grantWithEdit() {
            Actor editor = userWithLevel("ayse", PermissionLevel.EDIT, "agents");

            assertDeniedWithoutChange(() -> crm.permissions().grantUser(editor, "ayse", PermissionLevel.MANAGE));
            assertDeniedWithoutChange(() -> crm.permissions().grantGroup(editor, "agents", PermissionLevel.MANAGE));
            assertDeniedWithoutChange(() -> crm.permissions().revokeUser(editor, "ayse"));
            assertThat(levelOf(editor)).isEqualTo(PermissionLevel.EDIT);
        }

        @Test
        @DisplayName("defining or deleting a custom field with EDIT is refused and the fields stay")
        void fieldsWithEdit() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("tier", "Tier", FieldType.TEXT).build());
            Customer c = crm.customers().create(admin,
                    NewCustomer.builder("Ali Veli", "0532 100 00 01").customField("tier", "gold").build());
            Actor editor = userWithLevel("ayse", PermissionLevel.EDIT, "agents");

            assertDeniedWithoutChange(() -> crm.customFields().define(editor,
                    CustomFieldDefinition.builder("other", "Other", FieldType.TEXT).build()));
            assertDeniedWithoutChange(() -> crm.customFields().delete(editor, "tier"));
            assertThat(crm.customers().get(admin, c.id()).customFields()).containsEntry("tier", "gold");
        }

        @Test
        @DisplayName("changing a custom field hidden from the actor is refused and nothing of the update applies")
        void hiddenFieldUpdate() {
            crm.customFields().define(admin, CustomFieldDefinition
                    .builder("creditLimit", "Credit limit", FieldType.TEXT).visibleTo("finance").build());
            Customer c = newCustomer();
            Actor editor = userWithLevel("ayse", PermissionLevel.EDIT, "agents");

            assertDeniedWithoutChange(() -> crm.customers().update(editor,
                    CustomerUpdate.of(c).company("Other Co").customField("creditLimit", "9999").build()));
            assertThat(crm.customers().get(admin, c.id()).company()).isNull();
        }
    }

    @Nested
    @DisplayName("capabilities")
    class Capabilities {

        @Test
        void aCapabilityReachesTheMembersOfTheGroupsGrantedItAndAdminsAlways() {
            Actor agent = Actor.user(ACME, "ayse", "agents");
            Actor financeAgent = Actor.user(ACME, "zeynep", "finance", "agents");
            assertThat(crm.permissions().hasCapability(agent, Capability.OTHERS_RECORDINGS)).isFalse();
            assertThat(crm.permissions().hasCapability(admin, Capability.OTHERS_RECORDINGS)).isTrue();

            crm.permissions().grantCapability(admin, "finance", Capability.OTHERS_RECORDINGS);
            crm.permissions().grantCapability(admin, "finance", Capability.OTHERS_RECORDINGS);

            assertThat(crm.permissions().hasCapability(financeAgent, Capability.OTHERS_RECORDINGS)).isTrue();
            assertThat(crm.permissions().hasCapability(financeAgent, Capability.FREE_TEXT_MESSAGES)).isFalse();
            assertThat(crm.permissions().hasCapability(agent, Capability.OTHERS_RECORDINGS)).isFalse();
            assertThat(crm.permissions().grants(admin).capabilities())
                    .isEqualTo(Map.of("finance", Set.of(Capability.OTHERS_RECORDINGS)));
            assertThat(crm.activities().auditLog(admin, 10)).extracting(a -> a.action() + " " + a.subject())
                    .containsOnlyOnce("GRANT_CAPABILITY_OTHERS_RECORDINGS finance");

            crm.permissions().revokeCapability(admin, "finance", Capability.OTHERS_RECORDINGS);
            assertThat(crm.permissions().hasCapability(financeAgent, Capability.OTHERS_RECORDINGS)).isFalse();
            assertThat(crm.permissions().grants(admin).capabilities()).isEmpty();
        }

        @Test
        void aCapabilityIsIndependentOfTheLevel() {
            crm.permissions().grantGroup(admin, "agents", PermissionLevel.MANAGE);
            assertThat(crm.permissions().hasCapability(Actor.user(ACME, "ayse", "agents"), Capability.FREE_TEXT_MESSAGES))
                    .isFalse();
            assertThatThrownBy(() -> crm.permissions().grantCapability(admin, " ", Capability.FREE_TEXT_MESSAGES))
                    .isInstanceOfSatisfying(CrmValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_INVALID));
        }
    }
}
