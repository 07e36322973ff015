package dev.crmkit.inmemory;

import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.Grants;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.spi.PermissionStore;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A tenant's grants and capabilities. */
final class InMemoryPermissions extends SessionStore implements PermissionStore {

    InMemoryPermissions(InMemorySession session) {
        super(session);
    }

    @Override
    public Optional<PermissionLevel> userGrant(String username) {
        checkOpen();
        return Optional.ofNullable(data.userGrants.get(username));
    }

    @Override
    public Optional<PermissionLevel> groupGrant(String group) {
        checkOpen();
        return Optional.ofNullable(data.groupGrants.get(group));
    }

    @Override
    public Grants all() {
        checkOpen();
        return new Grants(new HashMap<>(data.userGrants), new HashMap<>(data.groupGrants), data.capabilities);
    }

    @Override
    public boolean addCapability(String group, Capability capability) {
        checkWritable();
        Set<Capability> had = data.capabilities.get(group);
        if (had != null && had.contains(capability)) {
            return false;
        }
        Set<Capability> now = had == null ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(had);
        now.add(capability);
        data.capabilities.put(group, now);
        undo.push(() -> restoreCapabilities(group, had));
        return true;
    }

    @Override
    public boolean removeCapability(String group, Capability capability) {
        checkWritable();
        Set<Capability> had = data.capabilities.get(group);
        if (had == null || !had.contains(capability)) {
            return false;
        }
        Set<Capability> now = EnumSet.copyOf(had);
        now.remove(capability);
        if (now.isEmpty()) {
            data.capabilities.remove(group);
        } else {
            data.capabilities.put(group, now);
        }
        undo.push(() -> restoreCapabilities(group, had));
        return true;
    }

    private void restoreCapabilities(String group, @Nullable Set<Capability> had) {
        if (had == null) {
            data.capabilities.remove(group);
        } else {
            data.capabilities.put(group, had);
        }
    }

    @Override
    public boolean anyHasCapability(Set<String> groups, Capability capability) {
        checkOpen();
        for (String g : groups) {
            Set<Capability> caps = data.capabilities.get(g);
            if (caps != null && caps.contains(capability)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void setUserGrant(String username, PermissionLevel level) {
        checkWritable();
        put(data.userGrants, username, level);
    }

    @Override
    public boolean removeUserGrant(String username) {
        checkWritable();
        return remove(data.userGrants, username);
    }

    @Override
    public void setGroupGrant(String group, PermissionLevel level) {
        checkWritable();
        put(data.groupGrants, group, level);
    }

    @Override
    public boolean removeGroupGrant(String group) {
        checkWritable();
        return remove(data.groupGrants, group);
    }

    private void put(Map<String, PermissionLevel> grants, String key, PermissionLevel level) {
        PermissionLevel previous = grants.put(key, level);
        undo.push(() -> restore(grants, key, previous));
    }

    private boolean remove(Map<String, PermissionLevel> grants, String key) {
        PermissionLevel previous = grants.remove(key);
        if (previous == null) {
            return false;
        }
        undo.push(() -> grants.put(key, previous));
        return true;
    }

    private static void restore(Map<String, PermissionLevel> grants, String key, PermissionLevel previous) {
        if (previous == null) {
            grants.remove(key);
        } else {
            grants.put(key, previous);
        }
    }
}
