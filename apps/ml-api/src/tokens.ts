/** DI tokens of values (not classes) that ml-api's providers share. */
export const ML_API_CONFIG = Symbol('ML_API_CONFIG');
export const ML_API_LOGGER = Symbol('ML_API_LOGGER');
