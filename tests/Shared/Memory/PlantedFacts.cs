namespace Switchyard.Testing.Memory;

/// <summary>
/// Fifty facts a user might mention once in a long agent conversation, each with a question asked much later and the
/// answer text that must appear in the assembled context for the fact to count as recalled. Varied on purpose: people,
/// numbers, dates, names, infrastructure, preferences; questions are paraphrases, not copies.
/// </summary>
internal static class PlantedFacts
{
    public static IReadOnlyList<(string Statement, string Question, string Answer)> All { get; } =
    [
        ("My daughter's name is Priya and she just turned seven.", "What is my daughter called?", "Priya"),
        ("I'm allergic to penicillin, so keep that in mind for anything medical.", "Which antibiotic am I allergic to?", "penicillin"),
        ("Our cabin wifi password is bluefern42.", "What's the wifi password at the cabin?", "bluefern42"),
        ("My flight to Tokyo leaves on October 14th from gate B22.", "When does my flight to Japan depart?", "October 14th"),
        ("The production database runs on Postgres 15 in eu-west-1.", "Which Postgres version does production use?", "Postgres 15"),
        ("My manager is called Dolores Okafor.", "Who is my boss?", "Okafor"),
        ("I drive a 2019 Subaru Outback.", "What car do I own?", "Subaru"),
        ("Our team standup is at 9:45 every weekday.", "What time is our daily standup meeting?", "9:45"),
        ("My usual coffee order is an oat milk cortado.", "How do I take my coffee?", "cortado"),
        ("The API rate limit for our partner Zentrix is 300 requests per minute.", "How many requests per minute does Zentrix allow us?", "300 requests"),
        ("I was born in Porto Alegre, Brazil.", "Which city was I born in?", "Porto Alegre"),
        ("My dog is a border collie named Biscuit.", "What's the name of my dog?", "Biscuit"),
        ("We're migrating the billing service to Kotlin by the end of Q3.", "What language is the billing service being rewritten in?", "Kotlin"),
        ("My apartment lease ends on March 31st.", "When does the lease on my apartment run out?", "March 31st"),
        ("My best half marathon time is 1 hour 52 minutes.", "What is my personal best in the half marathon?", "52 minutes"),
        ("The staging cluster is called hydra-stg.", "What is the name of the staging cluster?", "hydra-stg"),
        ("My wife Ingrid teaches chemistry at Lincoln High.", "What subject does my wife teach?", "chemistry"),
        ("I prefer tabs over spaces, four columns wide.", "Do I indent with tabs or spaces?", "tabs over spaces"),
        ("Our on-call escalation number is extension 5512.", "Which extension do I call to escalate to on-call?", "5512"),
        ("My blood type is O negative.", "What blood type do I have?", "O negative"),
        ("I'm learning Japanese and I'm at JLPT N4 level.", "How far along am I with Japanese?", "N4"),
        ("The quarterly board meeting is on the second Thursday of January.", "When is the quarterly board meeting held?", "second Thursday"),
        ("My bank is Nordea and my branch is in Aarhus.", "Which bank do I have my account with?", "Nordea"),
        ("I'm vegetarian but I eat fish occasionally.", "Do I have any dietary restrictions?", "vegetarian"),
        ("Our monorepo uses Bazel for builds.", "Which build system does our monorepo use?", "Bazel"),
        ("My son Tobias plays the cello.", "What instrument does Tobias play?", "cello"),
        ("The customer Halvorsen Shipping has a contract worth 2.4 million dollars.", "How big is the Halvorsen Shipping deal?", "2.4 million"),
        ("I'm 183 centimeters tall.", "How tall am I?", "183"),
        ("My favorite novelist is Octavia Butler.", "Who is my favorite writer?", "Octavia Butler"),
        ("The TLS certificate for shop.example.org expires on June 2nd.", "When does the certificate of the shop site expire?", "June 2nd"),
        ("My gym membership costs 39 euros a month.", "How much do I pay for the gym?", "39 euros"),
        ("Our product launch is code-named Project Marigold.", "What is the code name of the product launch?", "Marigold"),
        ("I see the dentist every six months at Smile Studio.", "Which dental clinic do I go to?", "Smile Studio"),
        ("My home server runs Debian on an Intel NUC.", "What hardware does my home server run on?", "NUC"),
        ("The legacy payments API is deprecated and will be shut down in November.", "When will the old payments API be turned off?", "November"),
        ("My grandmother's pierogi recipe uses farmer's cheese.", "What cheese goes into grandma's pierogi?", "farmer's cheese"),
        ("Our Slack channel for incidents is #inc-war-room.", "Where do we coordinate incidents on Slack?", "#inc-war-room"),
        ("I'm saving for a house with a target down payment of 80,000 dollars.", "How much do I want to save for the house down payment?", "80,000"),
        ("My laptop is a ThinkPad X1 Carbon with 32 GB of RAM.", "What laptop do I work on?", "ThinkPad"),
        ("The availability target for the checkout service is 99.95 percent.", "What SLO do we have for checkout availability?", "99.95"),
        ("My brother Mateo lives in Montreal.", "In which city does my brother live?", "Montreal"),
        ("I take the 7:12 train to work from Kendall station.", "Which train do I catch to get to work?", "7:12"),
        ("Our design system is called Prism and lives in the ui-kit repository.", "What's the name of our design system?", "Prism"),
        ("I speak Portuguese, English and some Swedish.", "Which languages can I speak?", "Swedish"),
        ("Our wedding anniversary is on August 9th.", "When is my wedding anniversary?", "August 9th"),
        ("The retention period for application logs is 90 days.", "How long do we keep application logs?", "90 days"),
        ("My favorite board game is Terraforming Mars.", "Which board game do I like most?", "Terraforming Mars"),
        ("Our CFO approved a hiring budget for three backend engineers.", "How many backend engineers did the CFO approve?", "three backend engineers"),
        ("My cat Pixel needs thyroid medication twice a day.", "What medicine does my cat take?", "thyroid"),
        ("The Kafka cluster retains messages for 7 days.", "For how long does Kafka keep messages?", "7 days"),
    ];
}
