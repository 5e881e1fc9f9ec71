export * from './core';
export * from './surveys';
export * from './mystery';
export * from './complaints';
export * from './results';
export * from './customers';
export * from './consultations';
export * from './scrutiny';
