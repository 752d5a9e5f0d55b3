/**
 * Syrian given names with relative frequencies (per mille, rough), Arabic script and a base
 * English-style romanisation. Written for this generator from common usage in Syria and the
 * Levant: no real individuals, no copied list. محمد is given about one boy in seven; the
 * long tail is flattened by the generator's own weights. Format: `arabic|latin|weight`.
 */
export const MALE_GIVEN_NAMES = `
محمد|Mohammed|140
أحمد|Ahmad|45
علي|Ali|30
محمود|Mahmoud|28
عبد الله|Abdullah|25
خالد|Khaled|24
عمر|Omar|22
حسن|Hasan|18
حسين|Hussein|16
مصطفى|Mustafa|15
إبراهيم|Ibrahim|15
يوسف|Youssef|14
عبد الرحمن|Abdulrahman|14
ياسر|Yasser|10
عمار|Ammar|9
وليد|Walid|9
حمزة|Hamza|9
أنس|Anas|8
سامر|Samer|8
بلال|Bilal|8
جمال|Jamal|8
سمير|Samir|8
طارق|Tareq|8
صالح|Saleh|8
فراس|Firas|7
باسل|Basel|7
عبد الكريم|Abdulkarim|7
عبد القادر|Abdulqader|7
رامي|Rami|7
فادي|Fadi|7
ماهر|Maher|7
مازن|Mazen|7
وائل|Wael|7
زياد|Ziad|7
عادل|Adel|7
سليمان|Suleiman|7
عدنان|Adnan|7
أيمن|Ayman|7
حسام|Hussam|7
خليل|Khalil|7
أسامة|Osama|7
محمد نور|Mohammed Nour|6
شادي|Shadi|6
هيثم|Haitham|6
غسان|Ghassan|6
رياض|Riad|6
نبيل|Nabil|6
قاسم|Qasim|6
عثمان|Othman|6
عماد|Imad|6
مهند|Muhannad|6
عصام|Issam|6
هشام|Hisham|6
بسام|Bassam|6
سعيد|Said|6
علاء|Alaa|6
مروان|Marwan|6
يحيى|Yahya|6
زكريا|Zakaria|5
عبد الرزاق|Abdulrazzaq|5
عبد الحميد|Abdulhamid|5
عبد العزيز|Abdulaziz|5
جميل|Jamil|5
كمال|Kamal|5
سليم|Salim|5
فيصل|Faisal|5
إياد|Iyad|5
معاذ|Muaz|5
نضال|Nidal|5
جهاد|Jihad|5
فؤاد|Fouad|5
مالك|Malek|5
ناصر|Nasser|5
أكرم|Akram|5
جاسم|Jasem|5
حامد|Hamed|5
رائد|Raed|5
سعد|Saad|5
فارس|Fares|5
ماجد|Majed|5
موسى|Moussa|5
هاني|Hani|5
وسيم|Wassim|5
يونس|Younes|5
عبد الناصر|Abdulnasser|4
منير|Munir|4
هاشم|Hashem|4
مؤيد|Muayyad|4
ثائر|Thaer|4
رضوان|Radwan|4
فواز|Fawwaz|4
غياث|Ghiath|4
منصور|Mansour|4
أنور|Anwar|4
بشير|Bashir|4
توفيق|Tawfiq|4
جابر|Jaber|4
راشد|Rashed|4
رشيد|Rashid|4
زهير|Zuhair|4
صبحي|Subhi|4
صفوان|Safwan|4
طلال|Talal|4
عبد السلام|Abdulsalam|4
عبد اللطيف|Abdullatif|4
عيسى|Issa|4
غازي|Ghazi|4
قصي|Qusai|4
لؤي|Louay|4
معتز|Moataz|4
نادر|Nader|4
مجد|Majd|4
محمد خير|Mohammed Kheir|4
نور الدين|Nour al-Din|4
راتب|Rateb|3
أديب|Adib|3
بكري|Bakri|3
حافظ|Hafez|3
حمدي|Hamdi|3
ديب|Deeb|3
شريف|Sharif|3
ضياء|Diaa|3
عبد الهادي|Abdulhadi|3
عبد المجيد|Abdulmajid|3
عبد الغني|Abdulghani|3
عبد الرحيم|Abdulrahim|3
عزام|Azzam|3
فهد|Fahd|3
كنان|Kinan|3
محسن|Mohsen|3
نعيم|Naim|3
تامر|Tamer|3
محمد علي|Mohammed Ali|3
محمد سعيد|Mohammed Said|3
صلاح الدين|Salah al-Din|3
عبدو|Abdo|2
خير الدين|Kheir al-Din|2
أبو بكر|Abu Bakr|2
`

export const FEMALE_GIVEN_NAMES = `
فاطمة|Fatima|60
مريم|Maryam|45
خديجة|Khadija|35
عائشة|Aisha|35
زينب|Zainab|30
نور|Nour|30
آمنة|Amina|25
هدى|Huda|18
ريم|Reem|18
سعاد|Suad|15
رنا|Rana|15
إيمان|Iman|15
لينا|Lina|14
سلمى|Salma|14
ليلى|Layla|14
منى|Mona|14
أسماء|Asmaa|14
هبة|Hiba|14
سارة|Sara|14
سمر|Samar|12
دعاء|Doaa|12
رشا|Rasha|12
وفاء|Wafaa|12
حنان|Hanan|12
أمل|Amal|12
رزان|Razan|10
آلاء|Alaa|10
ياسمين|Yasmin|10
غادة|Ghada|10
هالة|Hala|10
نادية|Nadia|10
سميرة|Samira|10
عبير|Abeer|10
حليمة|Halima|10
صباح|Sabah|9
بشرى|Bushra|9
نسرين|Nisreen|9
مها|Maha|9
إسراء|Israa|9
رغد|Raghad|8
نجاح|Najah|8
ابتسام|Ibtisam|8
رهف|Rahaf|8
جميلة|Jamila|8
رقية|Ruqayya|8
ديمة|Dima|8
سناء|Sanaa|8
منال|Manal|8
انتصار|Intisar|7
رحاب|Rehab|7
ميساء|Maysaa|7
بتول|Batoul|7
صفية|Safiya|7
زهرة|Zahra|7
نهى|Noha|7
لمى|Lama|7
ربا|Ruba|7
شيماء|Shaimaa|7
نوال|Nawal|7
سهام|Siham|7
ولاء|Walaa|7
أميرة|Amira|7
هند|Hind|7
روعة|Rawaa|6
وداد|Widad|6
عفاف|Afaf|6
كوثر|Kawthar|6
ماجدة|Majida|6
نجوى|Najwa|6
فدوى|Fadwa|6
رولا|Rula|6
علا|Ola|6
بيان|Bayan|6
يسرى|Yusra|6
فاتن|Faten|6
غفران|Ghufran|5
هيام|Hiyam|5
ختام|Khitam|5
تهاني|Tahani|5
جنى|Jana|5
راما|Rama|5
وعد|Waad|5
فريال|Ferial|4
ازدهار|Izdihar|4
`
