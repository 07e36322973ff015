package dev.crmkit.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches unless {@code crm.import.workers} is 0 (or less, which validation then refuses). */
final class OnImportWorkers extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        int workers = Binder.get(context.getEnvironment()).bind("crm.import.workers", Integer.class).orElse(1);
        return workers > 0
                ? ConditionOutcome.match("crm.import.workers is " + workers)
                : ConditionOutcome.noMatch("crm.import.workers is " + workers + ": no import job runner");
    }
}
