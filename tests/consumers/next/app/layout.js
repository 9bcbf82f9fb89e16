// The root layout the App Router requires; the icon keeps the browser from asking for /favicon.ico.
export const metadata = {
  title: "Next.js consumer of loginradius-pin-reset",
  icons: { icon: "data:," },
};

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
