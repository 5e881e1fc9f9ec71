export const roles = ['admin', 'staff', 'panel', 'shopper'] as const;
export type Role = (typeof roles)[number];
