/**
 * The first line of every notification. A reply typed above it is the reply; mail-ingress cuts
 * there even when the client drops its own "On … wrote:" attribution.
 */
export const REPLY_ABOVE_LINE = '##- Please type your reply above this line -##';
