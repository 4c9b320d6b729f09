import { HttpProblem } from '@logad/server';

/** No model is loaded yet: ml-api cannot score until one is trained. */
export class ModelNotLoadedProblem extends HttpProblem {
  readonly code = 'ml:model-not-loaded';
  readonly statusCode = 503;
  constructor(location: string) {
    super(
      `no model is loaded from ${location}: train one with \`npx nx run ml-api:train\` (or \`npm run train\`); it is picked up without a restart`,
      undefined,
      { 'Retry-After': '10' },
    );
  }
}
