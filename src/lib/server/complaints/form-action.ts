export { runFormAction } from '../forms/form-action';
