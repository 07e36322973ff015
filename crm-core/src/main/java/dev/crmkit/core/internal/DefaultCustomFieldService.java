package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.CustomFieldService;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Custom field definitions. Public only for wiring; use {@link CustomFieldService}. */
public final class DefaultCustomFieldService implements CustomFieldService {

    private final ServiceContext ctx;

    public DefaultCustomFieldService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CustomFieldDefinition define(Actor actor, CustomFieldDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.FIELD_MANAGE);
            s.customFields().insert(definition);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "FIELD_DEFINED", definition.key()));
            return definition;
        });
    }

    @Override
    public CustomFieldDefinition redefine(Actor actor, CustomFieldDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.FIELD_MANAGE);
            CustomFieldDefinition current = s.customFields().find(definition.key())
                    .orElseThrow(() -> notFound(definition.key()));
            if (current.type() != definition.type()) {
                throw new CrmValidationException(ErrorCode.VALUE_INVALID, "the type of " + current.key()
                        + " cannot change from " + current.type() + " to " + definition.type()
                        + "; delete the field and define it again");
            }
            if (!definition.options().containsAll(current.options())) {
                throw new CrmValidationException(ErrorCode.VALUE_INVALID,
                        "options of " + current.key() + " may be added but not removed");
            }
            s.customFields().update(definition);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "FIELD_REDEFINED", definition.key()));
            return definition;
        });
    }

    @Override
    public List<CustomFieldDefinition> list(Actor actor) {
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.FIELD_READ);
            return s.customFields().list().stream().filter(d -> Authorizer.sees(actor, level, d)).toList();
        });
    }

    @Override
    public Optional<CustomFieldDefinition> find(Actor actor, String key) {
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.FIELD_READ);
            return s.customFields().find(key).filter(d -> Authorizer.sees(actor, level, d));
        });
    }

    @Override
    public void delete(Actor actor, String key) {
        Objects.requireNonNull(key, "key");
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.FIELD_MANAGE);
            if (CustomerField.byKey(key).isPresent()) {
                throw new CrmValidationException(ErrorCode.FIELD_BUILT_IN,
                        "'" + key + "' is a built-in field: it cannot be deleted, only left blank");
            }
            if (s.customFields().find(key).isEmpty()) {
                throw notFound(key);
            }
            s.customers().removeCustomFieldValues(key);
            s.customFields().delete(key);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "FIELD_DELETED", key));
            return null;
        });
    }

    private static NotFoundException notFound(String key) {
        return new NotFoundException(ErrorCode.FIELD_NOT_FOUND, "no custom field '" + key + "'");
    }
}
