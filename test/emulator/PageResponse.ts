/** What a browser-facing page answers: a 302 redirect, or an HTML page. */
export type PageResponse =
  | { readonly kind: "redirect"; readonly location: string }
  | {
      readonly kind: "html";
      readonly status: number;
      readonly title: string;
      /** Plain text (escaped when rendered). */
      readonly message: string;
      /** Show the device verification form (an input named `user_code`, submitted with GET). */
      readonly userCodeForm?: boolean;
    };
