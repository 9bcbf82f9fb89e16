//! Shared server state: every tenant keyed by API key, plus faults, rate-limit windows and the
//! shutdown signal.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::watch;

use crate::config::Config;
use crate::dev_guard::DevAccess;
use crate::envelope::ApiError;
use crate::faults::FaultStore;
use crate::ratelimit::RateLimiter;
use crate::tenant::{Tenant, TenantSettings};

/// All tenants. API keys are GUIDs, compared case-insensitively (stored lowercase).
#[derive(Debug)]
pub struct Store {
    tenants: HashMap<String, Tenant>,
    default_key: String,
    default_settings: TenantSettings,
}

impl Store {
    fn new(default_key: &str, default_settings: TenantSettings) -> Self {
        let mut store = Store {
            tenants: HashMap::new(),
            default_key: default_key.to_lowercase(),
            default_settings,
        };
        store.reset();
        store
    }

    /// Forgets every tenant and recreates a fresh default one.
    pub fn reset(&mut self) {
        self.tenants.clear();
        self.tenants.insert(
            self.default_key.clone(),
            Tenant::new(self.default_settings.clone()),
        );
    }

    pub fn default_settings(&self) -> &TenantSettings {
        &self.default_settings
    }

    pub fn tenant(&self, api_key: &str) -> Option<&Tenant> {
        self.tenants.get(&api_key.to_lowercase())
    }

    pub fn tenant_mut(&mut self, api_key: &str) -> Option<&mut Tenant> {
        self.tenants.get_mut(&api_key.to_lowercase())
    }

    pub fn insert(&mut self, api_key: &str, tenant: Tenant) {
        self.tenants.insert(api_key.to_lowercase(), tenant);
    }
}

struct Inner {
    store: Mutex<Store>,
    faults: FaultStore,
    limiter: RateLimiter,
    www: PathBuf,
    pkg: PathBuf,
    dev_access: DevAccess,
    shutdown: watch::Sender<bool>,
}

/// Cheap to clone; handed to every handler.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

impl AppState {
    pub fn new(config: &Config) -> Self {
        let (shutdown, _) = watch::channel(false);
        let mut store = Store::new(&config.api_key, TenantSettings::from_config(config));
        if let Some(tenant) = store
            .tenant_mut(&config.api_key)
            .filter(|_| config.demo_accounts)
        {
            crate::demo::seed(tenant);
        }
        AppState {
            inner: Arc::new(Inner {
                store: Mutex::new(store),
                faults: FaultStore::default(),
                limiter: RateLimiter::default(),
                www: config.www.clone(),
                pkg: config.pkg.clone(),
                dev_access: DevAccess {
                    enabled: !config.no_dev_api,
                    extra_origins: config.dev_api_origins.clone(),
                },
                shutdown,
            }),
        }
    }

    /// The tenant store. A poisoned lock means an earlier request panicked mid-update: the
    /// data may be inconsistent, so callers answer 950 rather than guess.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, ApiError> {
        self.inner.store.lock().map_err(|_| ApiError::internal())
    }

    pub fn faults(&self) -> &FaultStore {
        &self.inner.faults
    }

    pub fn limiter(&self) -> &RateLimiter {
        &self.inner.limiter
    }

    pub fn www(&self) -> &PathBuf {
        &self.inner.www
    }

    pub fn pkg(&self) -> &PathBuf {
        &self.inner.pkg
    }

    pub fn dev_access(&self) -> &DevAccess {
        &self.inner.dev_access
    }

    /// Tells long-running responses (the `hang` and `slow` faults) to finish so a graceful
    /// shutdown does not wait for them forever.
    pub fn begin_shutdown(&self) {
        self.inner.shutdown.send_replace(true);
    }

    /// Resolves once [`AppState::begin_shutdown`] has been called.
    pub async fn shutting_down(&self) {
        let mut rx = self.inner.shutdown.subscribe();
        // An error means the sender is gone, which also means the server is going away.
        let _ = rx.wait_for(|down| *down).await;
    }
}
