export const E2E_PASSWORD = 'correct horse battery staple';
export const E2E_ORGANISATION = 'Riverside Homes';
export const accountFor = (role: 'admin' | 'staff' | 'panel' | 'shopper') => `${role}@example.org`;
