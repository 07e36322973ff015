package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.CrmValidationException.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    /**
     * The codes users and other programs see. A code is never renamed or removed; adding one means
     * adding it here too.
     */
    private static final List<String> PINNED = List.of(
            "NAME_REQUIRED",
            "PHONE_REQUIRED",
            "PHONE_INVALID",
            "PHONE_IMMUTABLE",
            "EMAIL_INVALID",
            "SEGMENT_UNKNOWN",
            "VALUE_TOO_LONG",
            "VALUE_INVALID",
            "CUSTOM_FIELD_INVALID",
            "CUSTOM_FIELD_REQUIRED",
            "CUSTOM_FIELD_UNKNOWN",
            "REPRESENTATIVE_UNKNOWN",
            "NATIONAL_ID_INVALID",
            "CURSOR_INVALID",
            "DUPLICATE_PHONE",
            "PHONE_ALREADY_ON_CUSTOMER",
            "PRIMARY_PHONE_REQUIRED",
            "VERSION_CONFLICT",
            "FIELD_KEY_TAKEN",
            "FIELD_BUILT_IN",
            "ADMIN_LEVEL_FIXED",
            "CUSTOMER_NOT_FOUND",
            "PHONE_NOT_FOUND",
            "FIELD_NOT_FOUND",
            "USER_UNKNOWN",
            "PERMISSION_DENIED",
            "STORAGE_FAILURE",
            "DUPLICATE_IN_FILE",
            "FILE_EMPTY",
            "FILE_UNREADABLE",
            "FILE_FORMAT_UNSUPPORTED",
            "FILE_TOO_LARGE",
            "TOO_MANY_ROWS",
            "HEADER_MISSING_REQUIRED",
            "HEADER_DUPLICATE",
            "ROWS_REJECTED",
            "CANCELLED",
            "SOURCE_CHANGED",
            "JOB_NOT_FOUND",
            "JOB_STATE_INVALID",
            "RESULT_PARAMETER_REQUIRED",
            "RESULT_PARAMETER_NOT_ALLOWED",
            "RESULT_TARGET_NOT_ALLOWED",
            "RESULT_CODE_INACTIVE",
            "RESULT_CODE_TAKEN",
            "RESULT_CODE_NOT_FOUND",
            "PRODUCT_NO_TAKEN",
            "PRODUCT_NOT_FOUND",
            "SCRIPT_KEY_TAKEN",
            "SCRIPT_NOT_FOUND",
            "WORK_ITEM_NOT_FOUND",
            "CALL_NOT_FOUND",
            "PHONE_NOT_REACHABLE",
            "MESSAGE_TEMPLATE_INACTIVE",
            "ATTACHMENT_TOO_LARGE",
            "MESSAGE_TEMPLATE_KEY_TAKEN",
            "MESSAGE_TEMPLATE_NOT_FOUND",
            "ATTACHMENT_NOT_FOUND",
            "MESSAGE_NOT_SENT");

    @Nested
    class Codes {

        @Test
        void areExactlyThePinnedNames() {
            List<String> names = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
            assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(PINNED);
        }

        @Test
        void everyPinnedNameStillResolves() {
            for (String name : PINNED) {
                assertThat(ErrorCode.valueOf(name).name()).isEqualTo(name);
            }
        }
    }

    @Nested
    class Exceptions {

        @Test
        void carryTheirCodeBesideTheMessageAndShowBothInToString() {
            CrmException notFound = new NotFoundException(ErrorCode.CUSTOMER_NOT_FOUND, "no customer 42");
            assertThat(notFound.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND);
            assertThat(notFound).hasMessage("no customer 42");
            assertThat(notFound).hasToString(NotFoundException.class.getName() + " [CUSTOMER_NOT_FOUND]: no customer 42");

            CrmException conflict = new ConflictException(ErrorCode.VERSION_CONFLICT, "stale");
            assertThat(conflict.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);

            CrmException denied = new PermissionDeniedException("read only");
            assertThat(denied.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            assertThat(denied).hasMessage("read only");
            assertThat(denied.toString()).contains("[PERMISSION_DENIED]: read only");
        }

        @Test
        void storageFailureKeepsItsCause() {
            IOException cause = new IOException("connection reset");
            CrmException e = new StorageException("could not save", cause);
            assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
            assertThat(e).hasCause(cause).hasMessage("could not save");
            assertThat(e.toString()).endsWith(" [STORAGE_FAILURE]: could not save");
        }

        @Test
        void areUnchecked() {
            assertThat(RuntimeException.class).isAssignableFrom(CrmException.class);
        }

        @Test
        void needACode() {
            assertThatThrownBy(() -> new NotFoundException(null, "x")).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class ValidationException {

        @Test
        void carriesEveryViolationInOrder() {
            List<Violation> violations = List.of(
                    new Violation(ErrorCode.NAME_REQUIRED, "fullName", "a name is required"),
                    new Violation(ErrorCode.PHONE_REQUIRED, "phone", "a phone number is required"),
                    new Violation(ErrorCode.EMAIL_INVALID, null, "not a valid e-mail address"));
            CrmValidationException e = new CrmValidationException(violations);

            assertThat(e.violations()).containsExactlyElementsOf(violations);
            assertThat(e.code()).isEqualTo(ErrorCode.NAME_REQUIRED);
            assertThat(e).hasMessage("fullName: a name is required"
                    + " | phone: a phone number is required"
                    + " | not a valid e-mail address");
        }

        @Test
        void singleViolationConstructor() {
            CrmValidationException e = new CrmValidationException(ErrorCode.PHONE_INVALID, "not a phone");
            assertThat(e.code()).isEqualTo(ErrorCode.PHONE_INVALID);
            assertThat(e.violations()).containsExactly(new Violation(ErrorCode.PHONE_INVALID, null, "not a phone"));
            assertThat(e).hasMessage("not a phone");
        }

        @Test
        void keepsItsOwnCopyOfTheViolations() {
            List<Violation> violations = new ArrayList<>();
            violations.add(new Violation(ErrorCode.NAME_REQUIRED, "fullName", "required"));
            CrmValidationException e = new CrmValidationException(violations);
            violations.add(new Violation(ErrorCode.PHONE_REQUIRED, "phone", "required"));

            assertThat(e.violations()).hasSize(1);
            assertThatThrownBy(() -> e.violations().add(violations.get(1)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void needsAtLeastOneViolation() {
            assertThatThrownBy(() -> new CrmValidationException(List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aViolationNeedsACodeAndAMessage() {
            assertThatThrownBy(() -> new Violation(null, "f", "m")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Violation(ErrorCode.VALUE_INVALID, "f", null))
                    .isInstanceOf(NullPointerException.class);
        }
    }
}
