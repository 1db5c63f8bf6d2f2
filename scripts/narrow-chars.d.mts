export declare const NARROW_CHARS: string;
