import { APIConnectionError, APIError } from "@anthropic-ai/sdk";
import { SkiffError } from "../../../shared/errors.js";

/** An SDK failure (after the SDK's own retries) as a SkiffError that says what to do. */
export function toModelError(error: unknown, options: { model: string; retries: number }): SkiffError {
  const offline = "or answer offline with --planner semantic";
  if (error instanceof APIConnectionError) {
    return new SkiffError("MODEL_UNAVAILABLE", `Claude's API could not be reached after ${options.retries} retries (${error.message}); check the network or ANTHROPIC_BASE_URL, ${offline}.`, { cause: error });
  }
  if (error instanceof APIError) {
    const status: number | undefined = (error as APIError<number | undefined>).status;
    if (status === 401 || status === 403) {
      return new SkiffError("CONFIG_INVALID", `Claude's API refused ANTHROPIC_API_KEY (HTTP ${status}); set a valid key, ${offline}.`, { cause: error });
    }
    if (status === 404) {
      return new SkiffError("CONFIG_INVALID", `Claude's API does not know model "${options.model}" (HTTP 404); set ANTHROPIC_MODEL to a current model id.`, { cause: error });
    }
    if (status === 429 || status === 529 || (status !== undefined && status >= 500)) {
      const why = status === 429 ? "rate limited" : status === 529 ? "overloaded" : "server error";
      return new SkiffError("MODEL_UNAVAILABLE", `Claude's API kept failing (HTTP ${status}, ${why}) after ${options.retries} retries; try again in a minute, ${offline}.`, { cause: error });
    }
    return new SkiffError("MODEL_FAILED", `Claude's API refused the request (HTTP ${status ?? "?"}): ${error.message}`, { cause: error });
  }
  return new SkiffError("MODEL_FAILED", `calling Claude failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
