import { TEST_INTERNAL_SIGNING_KEY } from './test-system';

// Clients a spec builds itself (an AttachmentsClient, say) sign with the key of the services it starts.
process.env.INTERNAL_SIGNING_KEY = TEST_INTERNAL_SIGNING_KEY;
