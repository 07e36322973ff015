package dev.crmkit.sample;

import dev.crmkit.core.Actor;
import dev.crmkit.core.TenantId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who the sample acts as: the admin of one tenant. A real application builds the {@link Actor}
 * from its authenticated user (user id, tenant, groups) on every request.
 */
@Component
public class DemoActor {

    private final Actor actor;

    public DemoActor(@Value("${sample.tenant}") String tenant) {
        this.actor = Actor.admin(TenantId.of(tenant), "sample");
    }

    public Actor get() {
        return actor;
    }
}
